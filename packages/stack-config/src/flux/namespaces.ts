/**
 * Namespaces with Pod Security Admission labels. A generator returns the
 * namespace it deploys into, with the level its pods need; the skeleton
 * merges the copies that several generators return for one namespace.
 */
import type { JsonObject, Manifest } from "../generators/types.js";
import { namespace, type PodSecurityLevel } from "./resources.js";

/** Folder of the tree that contains every Namespace. */
export const NAMESPACES_DIR = "infrastructure/namespaces";

const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

/** Pod Security levels from the most to the least restrictive. */
const LEVELS: readonly PodSecurityLevel[] = [
  "restricted",
  "baseline",
  "privileged",
];

/** Declares a Namespace whose pods need at most the given level. */
export function namespaceManifest(
  name: string,
  level: PodSecurityLevel,
): Manifest {
  return {
    path: `${NAMESPACES_DIR}/${name}.yaml`,
    document: namespace(name, level),
  };
}

/** Returns the enforced level of a Namespace built by `namespaceManifest`. */
export function podSecurityLevel(
  document: JsonObject,
): PodSecurityLevel | undefined {
  const metadata = document.metadata as JsonObject | undefined;
  const labels = metadata?.labels as JsonObject | undefined;
  const level = labels?.[ENFORCE_LABEL];
  return LEVELS.find((known) => known === level);
}

/**
 * Returns the level that admits the pods of every generator sharing a
 * namespace. Pod Security is enforced per namespace, so the least
 * restrictive request wins.
 */
export function leastRestrictive(
  a: PodSecurityLevel,
  b: PodSecurityLevel,
): PodSecurityLevel {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}
