/** Finds a declared Secret by its id or by its Kubernetes name. */
import type { SecretSpec } from "../config/secrets.js";
import { SecretFileError } from "./store.js";

/**
 * Returns the id of the Secret that `reference` names: an id, a
 * `<namespace>/<name>` as `secrets list` and SECRETS.md show it, or a bare
 * Secret name. Throws SecretFileError when none matches or, for a bare
 * name, more than one does.
 */
export function findSecretId(
  secrets: Record<string, SecretSpec>,
  reference: string,
): string {
  // Object.hasOwn, so that "constructor" is not found on Object.prototype.
  if (Object.hasOwn(secrets, reference)) {
    return reference;
  }

  const [namespace, name] = reference.includes("/")
    ? reference.split("/", 2)
    : [undefined, reference];
  const ids = Object.entries(secrets)
    .filter(([, spec]) => spec.name === name)
    .filter(
      ([, spec]) =>
        namespace === undefined || spec.namespaces.includes(namespace),
    )
    .map(([id]) => id);

  if (ids.length === 1 && ids[0] !== undefined) {
    return ids[0];
  }
  if (ids.length > 1) {
    throw new SecretFileError(
      `Secret name "${reference}" matches the ids ${ids.join(", ")}: pass ` +
        "<namespace>/<name> or the id",
    );
  }
  const known = Object.entries(secrets)
    .map(([id, spec]) => `${id} (${spec.name})`)
    .sort()
    .join(", ");
  throw new SecretFileError(
    `no declared Secret has the id or name "${reference}"; declared: ${known}`,
  );
}
