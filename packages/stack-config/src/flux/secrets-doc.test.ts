import { describe, expect, it } from "vitest";
import { resolveStack } from "../config/resolve.js";
import type { SecretSpec } from "../config/secrets.js";
import { SECRETS_DOC_PATH, secretsDocument } from "./secrets-doc.js";

const stack = resolveStack({ serverName: "example.org" });

const spec: SecretSpec = {
  namespaces: ["matrix", "coturn"],
  name: "turn-shared",
  keys: {
    "shared-secret": {
      description: "HMAC key | shared by Synapse and coturn",
      value: { kind: "random", bytes: 32 },
    },
    "encryption": {
      description: "MAS encryption key",
      value: { kind: "hex", bytes: 32 },
    },
  },
  readBy: ["coturn", "synapse"],
};

function text(secrets: Record<string, SecretSpec>): string {
  const manifest = secretsDocument({ ...stack, secrets });
  if (!("text" in manifest)) {
    throw new Error("SECRETS.md must be a text manifest");
  }
  expect(manifest.path).toBe(SECRETS_DOC_PATH);
  return manifest.text;
}

describe("secretsDocument", () => {
  it("lists namespaces, readers and keys", () => {
    const doc = text({ turn: spec });

    expect(doc).toContain("## turn-shared\n");
    expect(doc).toContain("- Namespaces: `matrix`, `coturn`\n");
    expect(doc).toContain("- Read by: coturn, synapse\n");
    expect(doc).toContain(
      "| `shared-secret` | HMAC key \\| shared by Synapse and coturn | " +
        "32 random bytes, base64url-encoded |",
    );
    expect(doc).toContain(
      "| `encryption` | MAS encryption key | 32 random bytes, hex-encoded |",
    );
  });

  it("says when no Secret is expected", () => {
    expect(text({})).toContain("This stack expects no Secrets.");
  });

  it("lists every Secret of the stack", () => {
    const doc = text(stack.secrets);

    for (const secret of Object.values(stack.secrets)) {
      expect(doc).toContain(`## ${secret.name}\n`);
    }
  });
});
