import { createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SecretValueKind } from "../config/secrets.js";
import {
  generateSecretValue,
  MissingProvidedValueError,
  synapseSigningKey,
} from "./values.js";

describe("generateSecretValue", () => {
  it.each([
    { kind: { kind: "random", bytes: 32 }, pattern: /^[A-Za-z0-9_-]{43}$/ },
    { kind: { kind: "random", bytes: 48 }, pattern: /^[A-Za-z0-9_-]{64}$/ },
    { kind: { kind: "hex", bytes: 32 }, pattern: /^[0-9a-f]{64}$/ },
  ] as { kind: SecretValueKind; pattern: RegExp }[])(
    "encodes $kind.kind of $kind.bytes bytes",
    ({ kind, pattern }) => {
      expect(generateSecretValue(kind)).toMatch(pattern);
    },
  );

  it("never repeats a value", () => {
    const values = new Set(
      Array.from({ length: 200 }, () =>
        generateSecretValue({ kind: "random", bytes: 16 }),
      ),
    );
    expect(values.size).toBe(200);
  });

  it("returns a fixed value as is", () => {
    expect(generateSecretValue({ kind: "fixed", value: "synapse" })).toBe(
      "synapse",
    );
  });

  it("reads a provided value from the environment", () => {
    const kind: SecretValueKind = { kind: "provided", variable: "S3_KEY" };

    expect(generateSecretValue(kind, { S3_KEY: "issued" })).toBe("issued");
    expect(() => generateSecretValue(kind, {})).toThrow(
      MissingProvidedValueError,
    );
  });

  it("makes an RSA key MAS can load", () => {
    const pem = generateSecretValue({ kind: "rsa-private-key", bits: 2048 });
    const key = createPrivateKey(pem);

    expect(pem.startsWith("-----BEGIN PRIVATE KEY-----\n")).toBe(true);
    expect(key.asymmetricKeyType).toBe("rsa");
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it("makes a P-256 key MAS can load", () => {
    const pem = generateSecretValue({ kind: "ec-p256-private-key" });
    const key = createPrivateKey(pem);

    expect(pem.startsWith("-----BEGIN PRIVATE KEY-----\n")).toBe(true);
    expect(key.asymmetricKeyType).toBe("ec");
    expect(key.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });
});

describe("synapseSigningKey", () => {
  it("has Synapse's signing key format", () => {
    const line = synapseSigningKey();
    const [algorithm, keyId, seed] = line.split(" ");

    expect(line.split(" ")).toHaveLength(3);
    expect(algorithm).toBe("ed25519");
    expect(keyId).toMatch(/^a_[A-Za-z]{4}$/);
    expect(seed).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(Buffer.from(seed as string, "base64")).toHaveLength(32);
  });

  it("loads as an ed25519 private key", () => {
    const seed = Buffer.from(
      synapseSigningKey().split(" ")[2] as string,
      "base64",
    );
    // PKCS#8 prefix of a raw ed25519 seed (RFC 8410).
    const prefix = Buffer.from("302e020100300506032b657004220420", "hex");
    const key = createPrivateKey({
      key: Buffer.concat([prefix, seed]),
      format: "der",
      type: "pkcs8",
    });

    expect(key.asymmetricKeyType).toBe("ed25519");
  });
});
