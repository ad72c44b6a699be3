/**
 * Element Web: its host, the brand, and the privacy defaults. The chart's
 * own `config.json` sends bug reports to Element's rageshake server and
 * loads location-sharing maps from MapTiler; both stay off unless
 * `privacy` names a server.
 */
import {
  elementCustomThemes,
  elementDefaultTheme,
  THEMES,
  type ElementCustomTheme,
} from "@axion-stack/themes";
import type { ElementWebSection } from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { elementCallElementWebValues } from "./element-call.js";
import { DISABLED, essValuesManifest } from "./ess.js";
import type { BuildArtifacts, Generator } from "./types.js";

/** The `config.json` keys our fragments set. */
export interface ElementWebConfig {
  brand?: string;
  /**
   * Rageshake endpoint. Element Web hides its bug report buttons when the
   * value is null or empty (checked in Element Web 1.12's
   * `BugReportDialogButton`).
   */
  bug_report_endpoint_url?: string | null;
  /**
   * Map style URL. When it is null or empty and the homeserver's
   * well-known names no tile server, Element Web shows that maps are not
   * configured instead of loading tiles.
   */
  map_style_url?: string | null;
  /** Theme Element selects until the user picks another. */
  default_theme?: string;
  /** The stack's themes, offered in Element's theme picker. */
  setting_defaults?: { custom_themes: ElementCustomTheme[] };
}

/**
 * Escapes `{{` for Helm's `tpl`, which the chart runs on Element Web and
 * well-known fragments. A raw string action renders a literal `{{`, and it
 * has no character that JSON encoding would change, so it also survives
 * the chart's `toPrettyJson` before `tpl` (checked with sprig 3.3.0).
 */
export function escapeHelmTemplate(text: string): string {
  return text.replaceAll("{{", "{{`{{`}}");
}

/**
 * Returns the `config.json` fragments by name. The chart merges them over
 * its own `config.json`, and a JSON null replaces the chart's URL (sprig's
 * `mustMergeOverwrite`, checked with sprig 3.3.0).
 */
export function elementWebFragments(
  stack: ResolvedStack,
): Record<string, ElementWebConfig> {
  const { privacy } = stack;
  return {
    "axion-brand": { brand: stack.brand },
    "axion-privacy": {
      bug_report_endpoint_url: privacy.bugReportEndpointUrl ?? null,
      map_style_url: privacy.mapStyleUrl ?? null,
    },
    "axion-themes": {
      default_theme: elementDefaultTheme(stack.setupSite.defaultTheme),
      setting_defaults: { custom_themes: elementCustomThemes(THEMES) },
    },
  };
}

/**
 * Builds the `elementWeb` values. With build artifacts, they include the
 * Element Call overlay's volumes and mounts, and its `config.json`
 * fragment when it has one.
 */
export function elementWebValues(
  stack: ResolvedStack,
  artifacts?: BuildArtifacts,
): ElementWebSection {
  if (!stack.ess.elementWeb.enabled) {
    return DISABLED;
  }
  const additional: Record<string, string> = {};
  for (const [name, fragment] of Object.entries(elementWebFragments(stack))) {
    additional[name] = escapeHelmTemplate(JSON.stringify(fragment));
  }
  const call = elementCallElementWebValues(stack, artifacts);

  return {
    enabled: true,
    ingress: { host: stack.hosts.elementWeb },
    additional: { ...additional, ...call?.additional },
    ...(call === undefined
      ? {}
      : {
          extraVolumes: call.extraVolumes,
          extraVolumeMounts: call.extraVolumeMounts,
        }),
  };
}

/** Renders the `elementWeb` values ConfigMap of the ESS release. */
export const generateElementWeb: Generator = (stack, artifacts) => [
  essValuesManifest(stack, "element-web", {
    elementWeb: elementWebValues(stack, artifacts),
  }),
];
