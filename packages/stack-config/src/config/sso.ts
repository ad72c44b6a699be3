/**
 * Single sign-on between MAS and Authentik, derived in one place: the
 * upstream provider ID, the OIDC issuer, the redirect URI, the client
 * secret's Secret and the invitation settings. The Authentik blueprint, the
 * MAS config and the `invite` command all read `ResolvedStack.sso`, so the
 * two sides cannot drift apart.
 */
import { createHash } from "node:crypto";
import { DEFAULTS } from "./defaults.js";
import type { SecretKeyReference, StackConfig } from "./model.js";

/** Slug of the Authentik application; it is part of the issuer URL. */
export const SSO_APPLICATION_SLUG = "matrix";

/** Slug of the enrollment flow that invitation links open. */
export const ENROLLMENT_FLOW_SLUG = "matrix-enrollment";

/** Crockford base32 alphabet, as ULIDs and MAS's config schema use it. */
export const CROCKFORD_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A canonical ULID. MAS's schema checks only the 26 characters; the first
 * one must also be 0-7 because a ULID contains 128 bits, not 130.
 */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Single sign-on settings with every value filled in and derived. */
export interface ResolvedSso {
  /** MAS and Authentik are both on, so MAS logs users in through Authentik. */
  enabled: boolean;
  /** ULID of the upstream provider in MAS. */
  providerId: string;
  clientId: string;
  applicationSlug: string;
  /** `https://<authentik host>/application/o/<slug>/`, slash included. */
  issuer: string;
  /** `https://<MAS host>/upstream/callback/<providerId>`. */
  redirectUri: string;
  clientSecret: SecretKeyReference;
  enrollmentFlowSlug: string;
  invitations: { expiry: string; singleUse: boolean };
}

/** Encodes 16 bytes as a 26-character ULID string. */
export function encodeUlid(bytes: Uint8Array): string {
  if (bytes.length !== 16) {
    throw new Error(
      `invalid ULID input: expected 16 bytes, got ${bytes.length}`,
    );
  }
  let value = 0n;
  for (const byte of bytes) {
    value = (value << 8n) | BigInt(byte);
  }
  let text = "";
  for (let i = 0; i < 26; i++) {
    text = CROCKFORD_BASE32[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return text;
}

/**
 * Derives a fixed provider ULID from the server name, so a config without
 * `sso.providerId` gets the same ID on every run.
 */
export function defaultProviderId(serverName: string): string {
  const digest = createHash("sha256")
    .update(`axion-stack upstream provider ${serverName}`)
    .digest();
  return encodeUlid(digest.subarray(0, 16));
}

/** Returns the issuer Authentik publishes for one application. */
export function issuerFor(authentikUrl: string, slug: string): string {
  return `${authentikUrl}/application/o/${slug}/`;
}

/** Returns the MAS callback URL of one upstream provider. */
export function redirectUriFor(masUrl: string, providerId: string): string {
  return `${masUrl}/upstream/callback/${providerId}`;
}

/** Hosts and switches that the SSO settings derive from. */
export interface SsoInputs {
  serverName: string;
  urls: { authentik: string; matrixAuthenticationService: string };
  masEnabled: boolean;
  authentikEnabled: boolean;
}

/**
 * Fills the SSO defaults and derives the issuer and redirect URI. The
 * config's own `issuer` and `redirectUri` are checked, not used, by
 * `checkSso`: the derived values are the only ones emitted.
 */
export function resolveSso(
  config: StackConfig["sso"],
  inputs: SsoInputs,
): ResolvedSso {
  const sso = config ?? {};
  const providerId = sso.providerId ?? defaultProviderId(inputs.serverName);
  const slug = SSO_APPLICATION_SLUG;

  return {
    enabled: inputs.masEnabled && inputs.authentikEnabled,
    providerId,
    clientId: sso.clientId ?? DEFAULTS.sso.clientId,
    applicationSlug: slug,
    issuer: issuerFor(inputs.urls.authentik, slug),
    redirectUri: redirectUriFor(
      inputs.urls.matrixAuthenticationService,
      providerId,
    ),
    clientSecret: { ...(sso.clientSecret ?? DEFAULTS.sso.clientSecret) },
    enrollmentFlowSlug: ENROLLMENT_FLOW_SLUG,
    invitations: { ...DEFAULTS.sso.invitations, ...sso.invitations },
  };
}

const DURATION_UNITS_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses an invitation expiry such as `7d` into milliseconds. Returns
 * undefined when the text is not a positive number followed by m, h, d
 * or w.
 */
export function parseExpiry(text: string): number | undefined {
  const match = /^([1-9][0-9]*)([mhdw])$/.exec(text);
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * (DURATION_UNITS_MS[match[2] as string] as number);
}
