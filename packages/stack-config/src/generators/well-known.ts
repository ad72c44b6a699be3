/**
 * Well-known delegation on the server name: `/.well-known/matrix/server`
 * and `/client` point clients and other servers at Synapse. The chart
 * writes `m.homeserver`, `m.server` and the MatrixRTC foci itself and
 * overwrites those keys in any fragment, so only other keys go here.
 */
import type { WellKnownDelegationSection } from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { elementCallWellKnown } from "./element-call.js";
import { escapeHelmTemplate } from "./element-web.js";
import { DISABLED, essValuesManifest } from "./ess.js";
import type { Generator } from "./types.js";

/**
 * Returns the extra keys of `/.well-known/matrix/client`, or undefined when
 * there are none. A configured map style goes here too, so that mobile
 * clients use the same tile server as Element Web. The Element Call caps
 * go here when the widget reads them from the well-known.
 */
export function clientWellKnown(
  stack: ResolvedStack,
): Record<string, unknown> | undefined {
  const { mapStyleUrl } = stack.privacy;
  const client: Record<string, unknown> = {};
  if (mapStyleUrl !== undefined) {
    client["m.tile_server"] = { map_style_url: mapStyleUrl };
  }
  Object.assign(client, elementCallWellKnown(stack));

  return Object.keys(client).length === 0 ? undefined : client;
}

/**
 * Builds the `wellKnownDelegation` values. The chart's redirect from the
 * server name's `/` to Element Web is on only when Element Web has a host
 * of its own. On the server name itself, the redirect would point at
 * itself and claim the `/` path that Element Web's Ingress serves.
 */
export function wellKnownValues(
  stack: ResolvedStack,
): WellKnownDelegationSection {
  if (!stack.ess.synapse.enabled) {
    return DISABLED;
  }
  const redirect =
    stack.ess.elementWeb.enabled && stack.hosts.elementWeb !== stack.serverName;
  const client = clientWellKnown(stack);

  return {
    enabled: true,
    baseDomainRedirect: { enabled: redirect },
    ...(client === undefined
      ? {}
      : { additional: { client: escapeHelmTemplate(JSON.stringify(client)) } }),
  };
}

/** Renders the `wellKnownDelegation` values ConfigMap of the ESS release. */
export const generateWellKnown: Generator = (stack) => [
  essValuesManifest(stack, "well-known", {
    wellKnownDelegation: wellKnownValues(stack),
  }),
];
