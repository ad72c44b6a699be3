import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DEVELOPMENT_RECIPIENT,
  secretCreationRule,
  SopsConfigError,
} from "./sops-config.js";

const REPOSITORY_SOPS_CONFIG = fileURLToPath(
  new URL("../../../../.sops.yaml", import.meta.url),
);
const SECRET_PATH = "flux/secrets/matrix/coturn-shared-secret.yaml";
const RECIPIENT = DEVELOPMENT_RECIPIENT;

function configFile(text: string): string {
  const path = join(
    mkdtempSync(join(tmpdir(), "axion-sops-config-")),
    ".sops.yaml",
  );
  writeFileSync(path, text);
  return path;
}

describe("secretCreationRule", () => {
  it("accepts the repository's .sops.yaml", () => {
    const rule = secretCreationRule(REPOSITORY_SOPS_CONFIG, SECRET_PATH);

    expect(rule.recipients).toHaveLength(1);
    expect(rule.recipients[0]).toMatch(/^age1[0-9a-z]{58}$/);
  });

  it("splits comma-separated recipients", () => {
    const path = configFile(
      "creation_rules:\n" +
        "  - path_regex: ^flux/secrets/\n" +
        "    encrypted_regex: ^(data|stringData)$\n" +
        `    age: ${RECIPIENT}, ${RECIPIENT.replace("a2p", "a2q")}\n`,
    );

    expect(secretCreationRule(path, SECRET_PATH).recipients).toHaveLength(2);
  });

  it.each([
    {
      name: "no matching rule",
      text: `creation_rules:\n  - path_regex: ^other/\n    age: ${RECIPIENT}\n`,
      message: /no creation_rules entry matches/,
    },
    {
      name: "no age recipient",
      text: "creation_rules:\n  - encrypted_regex: ^(data|stringData)$\n",
      message: /has no age recipient/,
    },
    {
      name: "whole-file encryption",
      text: `creation_rules:\n  - age: ${RECIPIENT}\n`,
      message: /encrypted_regex null; set it to "\^\(data\|stringData\)\$"/,
    },
  ])("rejects $name", ({ text, message }) => {
    const path = configFile(text);

    expect(() => secretCreationRule(path, SECRET_PATH)).toThrow(
      SopsConfigError,
    );
    expect(() => secretCreationRule(path, SECRET_PATH)).toThrow(message);
  });

  it("names a missing file", () => {
    const path = join(tmpdir(), "axion-no-such-dir", ".sops.yaml");

    expect(() => secretCreationRule(path, SECRET_PATH)).toThrow(
      /not found: create it/,
    );
  });
});
