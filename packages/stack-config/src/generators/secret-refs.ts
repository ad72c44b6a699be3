/**
 * References from generated manifests to the Secrets that
 * `config/secrets.ts` declares. Looking each reference up there keeps a
 * manifest from naming a Secret, key or namespace that is never created.
 */
import type { EnvVarFromSecret } from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";

/** A Secret key as a container reads it. */
export interface SecretKeyRef {
  name: string;
  key: string;
}

/**
 * Returns the reference to one key of a declared Secret. Throws when the
 * Secret is not declared, lacks the key or is not written into
 * `namespace`, because the generator and `resolveSecrets` disagree.
 */
export function secretKeyRef(
  stack: ResolvedStack,
  namespace: string,
  secretId: string,
  key: string,
): SecretKeyRef {
  const spec = stack.secrets[secretId];
  if (spec === undefined) {
    throw new Error(
      `Secret "${secretId}" is not declared in resolveSecrets. Declare it ` +
        "there before a generator references it.",
    );
  }
  if (!(key in spec.keys)) {
    throw new Error(
      `Secret "${secretId}" (${spec.name}) has no key "${key}". Its keys ` +
        `are: ${Object.keys(spec.keys).join(", ")}.`,
    );
  }
  if (!spec.namespaces.includes(namespace)) {
    throw new Error(
      `Secret "${secretId}" (${spec.name}) is not written into namespace ` +
        `"${namespace}". Add the namespace to its namespaces in ` +
        "resolveSecrets.",
    );
  }
  return { name: spec.name, key };
}

/** Builds an environment variable read from one key of a declared Secret. */
export function secretEnv(
  stack: ResolvedStack,
  namespace: string,
  envName: string,
  secretId: string,
  key: string,
): EnvVarFromSecret {
  const ref = secretKeyRef(stack, namespace, secretId, key);
  return { name: envName, valueFrom: { secretKeyRef: ref } };
}
