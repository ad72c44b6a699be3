import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULTS } from "./defaults.js";
import { valueAtPath } from "./paths.js";
import { validateConfig } from "./validate.js";
import {
  CONFIG_SCHEMA_URL,
  describeSchema,
  listConfigKeys,
  loadConfigSchema,
  resolveRef,
  type JsonSchema,
} from "./schema.js";

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));
const REFERENCE = fileURLToPath(
  new URL("../../../../docs/config-reference.md", import.meta.url),
);
const scratch = mkdtempSync(join(tmpdir(), "axion-schema-"));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs a generation script with tsx; resolves even when it fails. */
async function runScript(script: string, args: string[]) {
  try {
    const { stderr } = await run(
      process.execPath,
      ["--import", "tsx", `scripts/${script}`, ...args],
      { cwd: PACKAGE_DIR },
    );
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe.each([
  {
    script: "generate-schema.ts",
    file: fileURLToPath(CONFIG_SCHEMA_URL),
    command: "pnpm --filter @axion-stack/stack-config schema",
  },
  {
    script: "generate-reference.ts",
    file: REFERENCE,
    command: "pnpm --filter @axion-stack/stack-config docs",
  },
])("$script", ({ script, file, command }) => {
  it("matches the committed file", { timeout: 120_000 }, async () => {
    const { code, stderr } = await runScript(script, ["--check"]);

    // On failure, stderr names the command that regenerates the file.
    expect(stderr).not.toContain("is stale");
    expect(code).toBe(0);
  });

  it("reports a stale file", { timeout: 120_000 }, async () => {
    const stale = join(scratch, basename(file));
    copyFileSync(file, stale);
    writeFileSync(stale, "\n", { flag: "a" });

    const { code, stderr } = await runScript(script, [
      "--check",
      "--output",
      stale,
    ]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      `is stale: it differs from what its source generates. Run "${command}"`,
    );
  });
});

describe("config schema", () => {
  const schema = loadConfigSchema();

  it("rejects unknown keys in every object", () => {
    const open = listConfigKeys(schema)
      .map((key) =>
        key.schema.type === "array" && key.schema.items
          ? { ...key, schema: resolveRef(schema, key.schema.items) }
          : key,
      )
      .filter((key) => key.schema.properties !== undefined)
      .filter((key) => key.schema.additionalProperties !== false)
      .map((key) => key.path);

    expect(schema.additionalProperties).toBe(false);
    expect(open).toEqual([]);
  });

  it("requires only serverName at the top", () => {
    expect(schema.required).toEqual(["serverName"]);
  });

  it("turns @example into examples", () => {
    const serverName = listConfigKeys(schema).find(
      (key) => key.path === "serverName",
    );

    expect(serverName?.schema.examples).toEqual(["axion1337.chat"]);
    expect(JSON.stringify(schema)).not.toContain('"example"');
  });
});

describe("listConfigKeys", () => {
  it("lists nested and array item keys", () => {
    const paths = listConfigKeys(loadConfigSchema()).map((key) => key.path);

    expect(paths).toContain("ess.matrixRTC.sfu.turn.udpPort");
    expect(paths).toContain("policies.roomDirectory.publicationRules[].action");
    expect(paths.indexOf("ess")).toBeLessThan(
      paths.indexOf("ess.chartVersion"),
    );
  });
});

describe("describeSchema", () => {
  const root: JsonSchema = {
    definitions: { Port: { type: "integer", minimum: 1, maximum: 65535 } },
  };

  it.each([
    {
      name: "range",
      node: { $ref: "#/definitions/Port" },
      text: "an integer from 1 to 65535",
    },
    {
      name: "enum",
      node: { type: "string", enum: ["a", "b"] },
      text: 'one of "a", "b"',
    },
    {
      name: "const",
      node: { type: "string", const: "k3s" },
      text: 'only "k3s"',
    },
    {
      name: "pattern",
      node: { type: "string", pattern: "^x$" },
      text: "a string matching ^x$",
    },
    {
      name: "list",
      node: { type: "array", items: { type: "string" } },
      text: "a list, each item a string",
    },
    {
      name: "union",
      node: { anyOf: [{ type: "string" }, { type: "boolean" }] },
      text: "a string, or true or false",
    },
  ])("describes $name", ({ node, text }) => {
    expect(describeSchema(root, node as JsonSchema)).toBe(text);
  });
});

describe("schema defaults", () => {
  it("match DEFAULTS wherever both state one", () => {
    const compared = listConfigKeys(loadConfigSchema())
      .filter((key) => key.schema.default !== undefined)
      .filter((key) => !key.path.includes("[]"))
      .map((key) => ({
        path: key.path,
        schema: key.schema.default,
        defaults: valueAtPath(DEFAULTS, key.path),
      }))
      .filter((entry) => entry.defaults !== undefined);
    const mismatches = compared.filter(
      (entry) =>
        JSON.stringify(entry.schema) !== JSON.stringify(entry.defaults),
    );

    expect(compared.length).toBeGreaterThan(30);
    expect(mismatches).toEqual([]);
  });
});

describe("config reference", () => {
  it("shows a minimal config that passes validation", () => {
    const text = readFileSync(REFERENCE, "utf8");
    const block = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];

    expect(block).toBeDefined();
    const result = validateConfig(parse(block!) as unknown);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("needs more than serverName alone", () => {
    const result = validateConfig({ serverName: "example.org" });

    expect(result.errors.map((issue) => issue.rule).sort()).toEqual([
      "monitoring-endpoints",
      "monitoring-endpoints",
      "sfu-address",
    ]);
  });
});
