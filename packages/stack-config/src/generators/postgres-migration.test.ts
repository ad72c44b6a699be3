import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import {
  generatePostgresMigration,
  MIGRATION_SCRIPT_PATH,
  migrationScript,
} from "./postgres-migration.js";

function stackWith(postgres: StackConfig["postgres"]) {
  return resolveStack({ serverName: "example.org", postgres });
}

describe("generatePostgresMigration", () => {
  it.each(["cloudnative-pg", "embedded"] as const)(
    "emits nothing in mode %s",
    (mode) => {
      expect(generatePostgresMigration(stackWith({ mode }))).toEqual([]);
    },
  );

  it("emits the script while migrating", () => {
    const paths = generatePostgresMigration(
      stackWith({ mode: "migrating" }),
    ).map((manifest) => manifest.path);

    expect(paths).toEqual([MIGRATION_SCRIPT_PATH]);
  });
});

describe("migrationScript", () => {
  const script = migrationScript(stackWith({ mode: "migrating" }));

  it("parses as bash", () => {
    expect(() =>
      execFileSync("bash", ["-n"], { input: script, stdio: "pipe" }),
    ).not.toThrow();
  });

  it("names the embedded and target databases", () => {
    expect(script).toContain("MAS_SOURCE=matrixauthenticationservice");
    expect(script).toContain("MAS_TARGET=mas");
    expect(script).toContain("EMBEDDED_POD=ess-postgres-0");
  });

  it("compares every checked table", () => {
    expect(script).toContain(
      'compare "$SYNAPSE_SOURCE" "$SYNAPSE_TARGET" events',
    );
    expect(script).toContain('compare "$MAS_SOURCE" "$MAS_TARGET" users');
  });
});
