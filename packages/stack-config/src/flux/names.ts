/**
 * Kubernetes and Helm name limits, enforced in one place.
 */

/** A DNS-1123 label: lower-case alphanumerics and `-`, at most 63. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Helm release names are at most 53 characters (Helm 3 and 4). */
export const HELM_RELEASE_NAME_MAX = 53;

/** Recommended labels that mark every object as ours. */
export const MANAGED_BY_LABELS = {
  "app.kubernetes.io/managed-by": "axion-stack",
} as const;

/** Throws when `name` is not a valid DNS-1123 label. */
export function assertDnsLabel(name: string, what: string): string {
  if (!DNS_LABEL.test(name)) {
    throw new Error(
      `${what} "${name}" is not a valid DNS-1123 label: use at most 63 ` +
        "lower-case letters, digits and '-', starting and ending with a " +
        "letter or digit",
    );
  }
  return name;
}
