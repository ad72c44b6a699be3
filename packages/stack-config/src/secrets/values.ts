/**
 * Fresh Secret values, one case per `SecretValueKind`. Every random value
 * comes from node:crypto's CSPRNG. Nothing here logs or returns a value
 * anywhere but to the caller.
 */
import { generateKeyPairSync, randomBytes, randomInt } from "node:crypto";
import type { SecretKeySpec, SecretValueKind } from "../config/secrets.js";

const KEY_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * Returns a Synapse signing key line. Synapse names its keys `a_` plus four
 * random letters and stores the 32-byte ed25519 seed as unpadded base64.
 */
export function synapseSigningKey(): string {
  let keyId = "a_";
  for (let i = 0; i < 4; i++) {
    keyId += KEY_ID_ALPHABET[randomInt(KEY_ID_ALPHABET.length)];
  }
  const seed = randomBytes(32).toString("base64").replace(/=+$/, "");
  return `ed25519 ${keyId} ${seed}`;
}

function rsaPrivateKey(bits: number): string {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: bits,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return privateKey;
}

function ecP256PrivateKey(): string {
  const { privateKey } = generateKeyPairSync("ec", {
    namedCurve: "prime256v1",
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return privateKey;
}

/** Raised when a value that a third party issues is not provided. */
export class MissingProvidedValueError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = "MissingProvidedValueError";
  }
}

/**
 * Makes one new value of the given kind: random for credentials that
 * axion-stack creates, the config's value for `fixed`, and the environment
 * variable's value for `provided`.
 */
export function generateSecretValue(
  value: SecretValueKind,
  env: NodeJS.ProcessEnv = process.env,
): string {
  switch (value.kind) {
    case "fixed":
      return value.value;
    case "provided": {
      const provided = env[value.variable];
      if (provided === undefined || provided === "") {
        throw new MissingProvidedValueError(value.variable);
      }
      return provided;
    }
    case "random":
      return randomBytes(value.bytes).toString("base64url");
    case "hex":
      return randomBytes(value.bytes).toString("hex");
    case "synapse-signing-key":
      return synapseSigningKey();
    case "rsa-private-key":
      return rsaPrivateKey(value.bits);
    case "ec-p256-private-key":
      return ecP256PrivateKey();
  }
}

/**
 * Makes a new value for each key of a Secret, in the keys' order. Throws
 * MissingProvidedValueError when a `provided` value's variable is unset.
 */
export function generateSecretData(
  keys: Record<string, SecretKeySpec>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, spec] of Object.entries(keys)) {
    data[key] = generateSecretValue(spec.value, env);
  }
  return data;
}
