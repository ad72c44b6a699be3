import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";
import { packageVersion } from "./version.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "axion-cli-"));
  await writeFile(
    join(dir, "stack.yaml"),
    "serverName: example.org\ncluster:\n  publicIP: 203.0.113.10\nmonitoring:\n  prometheusUrl: http://127.0.0.1:9090\n  lokiUrl: http://127.0.0.1:3100\n",
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = "";
  const progress: string[] = [];
  const code = await main(argv, {
    cwd: dir,
    stdout: (text) => {
      stdout += text;
    },
    progress: (line) => progress.push(line),
  });
  return { code, stdout, progress };
}

describe("main", () => {
  it("prints help with exit codes", async () => {
    const { code, stdout } = await run("--help");

    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain("Exit codes:");
    expect(stdout).toContain("--config <file>");
  });

  it("prints the package version", async () => {
    const { code, stdout } = await run("--version");

    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe(`${packageVersion()}\n`);
  });

  it.each([
    { name: "no command", argv: [] },
    { name: "unknown command", argv: ["deploy"] },
    { name: "unknown option", argv: ["generate", "--force"] },
    { name: "extra argument", argv: ["generate", "now"] },
    { name: "option without value", argv: ["generate", "--out"] },
    { name: "empty --out", argv: ["generate", "--out", ""] },
    { name: "empty --config", argv: ["validate", "--config", ""] },
  ])("exits 3 on $name", async ({ argv }) => {
    const { code, progress } = await run(...argv);

    expect(code).toBe(EXIT.usage);
    expect(progress.join("\n")).toContain('Run "axion-stack --help"');
  });

  it("exits 1 on a missing config", async () => {
    const { code } = await run("validate", "--config", "absent.yaml");

    expect(code).toBe(EXIT.invalidConfig);
  });

  it("prints config errors as JSON", async () => {
    await writeFile(join(dir, "bad.yaml"), "brand: x\n");
    const { code, stdout } = await run(
      "validate",
      "--config",
      "bad.yaml",
      "--json",
    );
    const report = JSON.parse(stdout) as { ok: boolean; errors: unknown[] };

    expect(code).toBe(EXIT.invalidConfig);
    expect(report.ok).toBe(false);
    expect(report.errors.length).toBeGreaterThan(0);
  });

  it("validates a good config", async () => {
    const { code, progress } = await run("validate", "--config", "stack.yaml");

    // 203.0.113.10 is a documentation address, which draws a warning.
    expect(code).toBe(EXIT.ok);
    expect(progress[0]).toBe("load stack.yaml");
    expect(progress[1]).toContain("warning: stack.yaml:3:3: cluster.publicIP:");
    expect(progress[2]).toBe("validate: ok (1 warning)");
  });

  it("generates, then finds no drift", async () => {
    const args = ["--config", "stack.yaml", "--out", "out"];
    const generated = await run("generate", ...args);
    const checked = await run("check", ...args);

    expect(generated.code).toBe(EXIT.ok);
    expect(generated.progress.at(-1)).toMatch(/^write \d+ files to out\/$/);
    expect(checked.code).toBe(EXIT.ok);
    expect(checked.stdout).toBe("");

    const again = await run("generate", ...args);
    expect(again.progress.at(-1)).toMatch(/^write: out\/ is up to date/);
  });

  it("exits 2 with a diff on drift", async () => {
    const args = ["--config", "stack.yaml", "--out", "out"];
    await run("generate", ...args);
    const path = join(dir, "out", "SECRETS.md");
    await writeFile(path, `${await readFile(path, "utf8")}edited\n`);

    const checked = await run("generate", "--check", ...args);

    expect(checked.code).toBe(EXIT.checkFailed);
    expect(checked.stdout).toContain("--- a/SECRETS.md\n+++ b/SECRETS.md\n");
    expect(checked.stdout).toContain("\n-edited\n");
    expect(await readFile(path, "utf8")).toMatch(/edited\n$/);
  });

  it("exits 2 when --out is a file", async () => {
    await writeFile(join(dir, "out"), "a file\n");
    const { code, progress } = await run(
      "generate",
      "--config",
      "stack.yaml",
      "--out",
      "out",
    );

    expect(code).toBe(EXIT.checkFailed);
    expect(progress.at(-1)).toContain("is a file, not a folder");
  });

  it("prints the plan as JSON", async () => {
    const { code, stdout } = await run(
      "generate",
      "--config",
      "stack.yaml",
      "--out",
      "out",
      "--json",
    );
    const plan = JSON.parse(stdout) as {
      files: string[];
      header: { configFileName: string };
    };

    expect(code).toBe(EXIT.ok);
    expect(plan.files).toContain("SECRETS.md");
    expect(plan.header.configFileName).toBe("stack.yaml");
  });
});
