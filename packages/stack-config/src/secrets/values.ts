/**
 * Fresh Secret values, one function per `SecretValueKind`. Every value
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

/** Makes one new random value of the given kind. */
export function generateSecretValue(value: SecretValueKind): string {
  switch (value.kind) {
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

/** Makes a new value for each key of a Secret, in the keys' order. */
export function generateSecretData(
  keys: Record<string, SecretKeySpec>,
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, spec] of Object.entries(keys)) {
    data[key] = generateSecretValue(spec.value);
  }
  return data;
}
