/**
 * Which Element Call the ESS chart's Element Web image serves. Element
 * Web's build copies `@element-hq/element-call-embedded/dist` into
 * `webapp/widgets/element-call/`, so the image fixes the version.
 */

/** The Element Call that one ESS chart version ships. */
export interface EmbeddedRelease {
  /** Element Web image tag that the chart's values.yaml pins. */
  elementWeb: string;
  /** `@element-hq/element-call-embedded` version that Element Web pins. */
  elementCall: string;
  /** Whether this Element Call reads `media_quality` from config.json. */
  readsMediaQuality: boolean;
}

/**
 * Element Call by ESS chart version. The Element Web tags come from the
 * charts' values.yaml. Element Call reads `media_quality` from 0.24.0 on.
 *
 * NOTE: neither Element Call version was read from Element Web's
 * package.json at the release tag itself. Element Web's `apps/web` pinned
 * 0.18.0 from before v1.12.14 (1 April 2026) until after v1.12.15, and
 * 0.19.x came later. Element Call 0.24.0 was released on 11 August 2026,
 * Element Web v1.12.26 on 18 August, and Element Web pinned 0.24.0 by
 * early September. Check both against the tags before relying on them.
 */
export const EMBEDDED_BY_ESS_VERSION = {
  "26.4.0": {
    elementWeb: "v1.12.14",
    elementCall: "0.18.0",
    readsMediaQuality: false,
  },
  "26.8.1": {
    elementWeb: "v1.12.26",
    elementCall: "0.24.0",
    readsMediaQuality: true,
  },
} as const satisfies Record<string, EmbeddedRelease>;

/** An ESS chart version with a known Element Call. */
export type KnownEssVersion = keyof typeof EMBEDDED_BY_ESS_VERSION;

/**
 * The `@element-hq/element-call-embedded` version that apps/element-call
 * builds from and tests against. 0.18.0 is not on the npm registry that this
 * project installs from, so the build uses 26.8.1's version. Our files do
 * not replace any of the image's hashed assets, which is why one build
 * serves both chart versions.
 */
export const BUILD_ELEMENT_CALL_VERSION = "0.24.0";
