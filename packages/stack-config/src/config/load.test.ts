import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigLoadError, type ConfigIssue } from "./errors.js";
import { loadConfig } from "./load.js";

let dir: string;

/** Files written into a fresh temporary directory before the tests. */
const FILES: Record<string, string> = {
  "ok.yaml": "serverName: example.org\ncoturn:\n  port: 3478\n",
  "ok.yml": "serverName: example.org\n",
  "ok.json": '{ "serverName": "example.org" }',
  "ok.mjs": 'export default { serverName: "example.org" };\n',
  "esm/package.json": '{ "type": "module" }',
  "esm/ok.ts":
    'const port: number = 3478;\nexport default { serverName: "example.org", coturn: { port } };\n',
  "cjs/ok.ts": 'export default { serverName: "example.org" };\n',
  "esm/ok.mts": 'export default { serverName: "example.org" };\n',
  "duplicate.yaml": "serverName: a.org\ncoturn:\n  port: 1\n  port: 2\n",
  "duplicate.json":
    '{\n  "serverName": "a.org",\n  "coturn": { "port": 1 },\n  "serverName": "b.org"\n}\n',
  "tag.yaml": 'serverName: a.org\nextra: !!js/function "function () {}"\n',
  "two.yaml": "serverName: a.org\n---\nserverName: b.org\n",
  "empty.yaml": "# nothing yet\n",
  "comma.json": '{\n  "serverName": "a.org",\n}\n',
  "esm/syntax.ts": 'export default {\n  serverName: "a.org",,\n};\n',
  "esm/nodefault.ts": 'export const config = { serverName: "a.org" };\n',
  "esm/function.ts": "export default function config() {}\n",
  "esm/throws.ts": 'throw new Error("no config today");\nexport default {};\n',
  "esm/import.ts":
    'import { x } from "./does-not-exist.js";\nexport default { x };\n',
  "config.toml": 'serverName = "a.org"\n',
  "cycle.yaml": "serverName: a.org\nextra: &x\n  self: *x\n",
  "aliases.yaml":
    "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
  "esm/cycle.ts":
    'const config: Record<string, unknown> = { serverName: "a.org" };\nconfig.self = { config };\nexport default config;\n',
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "axion-load-"));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function loadIssue(name: string): Promise<ConfigIssue> {
  const error = await loadConfig(join(dir, name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigLoadError);
  const { issues } = error as ConfigLoadError;
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe("loadConfig", () => {
  it.each([
    {
      file: "ok.yaml",
      config: { serverName: "example.org", coturn: { port: 3478 } },
    },
    { file: "ok.yml", config: { serverName: "example.org" } },
    { file: "ok.json", config: { serverName: "example.org" } },
    { file: "ok.mjs", config: { serverName: "example.org" } },
    {
      file: "esm/ok.ts",
      config: { serverName: "example.org", coturn: { port: 3478 } },
    },
    { file: "esm/ok.mts", config: { serverName: "example.org" } },
    { file: "cjs/ok.ts", config: { serverName: "example.org" } },
  ])("reads $file", async ({ file, config }) => {
    expect(await loadConfig(join(dir, file))).toEqual(config);
  });

  it.each([
    {
      file: "duplicate.yaml",
      message: "invalid YAML: Map keys must be unique",
      line: 4,
      column: 3,
    },
    {
      file: "duplicate.json",
      message: "invalid JSON: an object contains the same key twice",
      line: 4,
      column: 3,
    },
    {
      file: "tag.yaml",
      message: "invalid YAML: the tag !!js/function is not supported",
      line: 2,
      column: 8,
    },
    {
      file: "comma.json",
      message: "invalid JSON: Expected double-quoted property name",
      line: 3,
      column: 1,
    },
    {
      file: "esm/syntax.ts",
      message: 'syntax error: Expected identifier but found ","',
      line: 2,
      column: 23,
    },
  ])(
    "locates the syntax error in $file",
    async ({ file, message, line, column }) => {
      const issue = await loadIssue(file);

      expect(issue.message).toBe(message);
      expect(issue.line).toBe(line);
      expect(issue.column).toBe(column);
    },
  );

  it("names the duplicate key in a JSON file", async () => {
    expect((await loadIssue("duplicate.json")).value).toBe("serverName");
  });

  it.each([
    { file: "two.yaml", message: "contains more than one YAML document" },
    { file: "empty.yaml", message: "the file is empty" },
    { file: "esm/nodefault.ts", message: "the module has no default export" },
    {
      file: "esm/function.ts",
      message: "the default export is a function, not a config",
    },
    {
      file: "esm/throws.ts",
      message: "running the config module failed: no config today",
    },
    { file: "config.toml", message: "the file type is not supported" },
  ])("rejects $file", async ({ file, message }) => {
    expect((await loadIssue(file)).message).toBe(message);
  });

  it("names the import that failed", async () => {
    const issue = await loadIssue("esm/import.ts");

    expect(issue.message).toMatch(
      /^an import failed: Cannot find module '.*does-not-exist\.js'/,
    );
  });

  it("names the path it tried for a missing file", async () => {
    const issue = await loadIssue("missing.ts");
    const path = join(dir, "missing.ts");

    expect(issue.message).toBe("config file not found");
    expect(issue.value).toBe(path);
    expect(issue.fix).toBe(
      `create ${path}, or pass --config <file> to use another config file`,
    );
  });

  it("rejects a YAML alias that contains itself", async () => {
    const issue = await loadIssue("cycle.yaml");

    expect(issue.path).toBe("extra.self");
    expect(issue.message).toBe(
      "refers back to one of its parents, so the config never ends",
    );
    expect(issue.line).toBe(3);
  });

  it("rejects a module whose config contains itself", async () => {
    expect((await loadIssue("esm/cycle.ts")).path).toBe("self.config");
  });

  it("stops runaway alias expansion", async () => {
    const issue = await loadIssue("aliases.yaml");

    expect(issue.message).toMatch(/^invalid YAML: Excessive alias count/);
  });

  it("rejects a directory", async () => {
    expect((await loadIssue("esm")).message).toBe(
      "is a directory, not a config file",
    );
  });

  it("reports load issues at the top level", async () => {
    const issue = await loadIssue("two.yaml");

    expect(issue.path).toBe("");
    expect(issue.rule).toBe("load");
    expect(issue.severity).toBe("error");
  });
});
