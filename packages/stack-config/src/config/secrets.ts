import type { ResolvedStack } from "./resolve.js";

/** How a Secret key's value is made when it does not exist yet. */
export type SecretValueKind =
  /** Random bytes, base64url-encoded. */
  | { kind: "random"; bytes: number }
  /** Random bytes, hex-encoded (MAS's `encryption` secret wants 32 bytes). */
  | { kind: "hex"; bytes: number };

/** One key of a Secret. */
export interface SecretKeySpec {
  /** What the value is, for `SECRETS.md`. */
  description: string;
  value: SecretValueKind;
}

/**
 * A Kubernetes Secret that the tree expects but never contains in plain
 * text. Components reference it by `namespace`/`name`/key.
 */
export interface SecretSpec {
  /**
   * Namespaces the Secret is needed in. A value read in two namespaces has
   * one source and is written into each of them with the same value.
   */
  namespaces: string[];
  name: string;
  keys: Record<string, SecretKeySpec>;
  /** Components that read this Secret, such as `synapse` or `coturn`. */
  readBy: string[];
}

/**
 * Lists every Secret the resolved stack needs. This is the one place a
 * Secret name is chosen, so a value shared by two components has one source.
 */
export function resolveSecrets(
  stack: Omit<ResolvedStack, "secrets">,
): Record<string, SecretSpec> {
  const secrets: Record<string, SecretSpec> = {};

  if (stack.coturn.enabled) {
    secrets.turnSharedSecret = {
      namespaces: [stack.ess.namespace],
      name: "coturn-shared-secret",
      keys: {
        "shared-secret": {
          description:
            "HMAC key of coturn's TURN REST API credentials; Synapse signs " +
            "time-limited TURN usernames with it",
          value: { kind: "random", bytes: 32 },
        },
      },
      readBy: ["coturn", "synapse"],
    };
  }

  return secrets;
}
