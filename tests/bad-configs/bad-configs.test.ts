/**
 * Every wrong config in `cases/` fails with its exact expected text, and
 * the real CLI exits with code 1 without touching an existing tree.
 *
 * `pnpm test:bad-configs:update` (UPDATE_BAD_CONFIGS=1) rewrites the
 * expected texts; review the diff. The CLI half needs a build first, which
 * `pnpm test` runs.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CONFIG_RULES } from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASES_DIR,
  caseNames,
  expectedPath,
  normalise,
  runCase,
} from "./corpus.js";
import { snapshotTree, type TreeSnapshot } from "./snapshot.js";

const run = promisify(execFile);
const UPDATE = process.env.UPDATE_BAD_CONFIGS === "1";
const CLI = fileURLToPath(
  new URL("../../packages/stack-config/bin/axion-stack.js", import.meta.url),
);
const BUILT_CLI = fileURLToPath(
  new URL("../../packages/stack-config/dist/cli/main.js", import.meta.url),
);
const VALID = fileURLToPath(new URL("./valid.yaml", import.meta.url));

function readExpected(name: string): string {
  const path = expectedPath(name);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: run this test with UPDATE_BAD_CONFIGS=1 to ` +
        "write it, then review it",
    );
  }
  return readFileSync(path, "utf8");
}

describe("bad-config corpus", () => {
  const names = caseNames();

  it("has at least 30 cases", () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(names)("%s", async (name) => {
    const result = await runCase(name);
    if (UPDATE) {
      writeFileSync(expectedPath(name), result.text);
    }

    expect(result.errors).toBeGreaterThan(0);
    expect(result.text).toBe(readExpected(name));
  });

  it("covers every rule, the schema and loading", () => {
    const tags = names.flatMap((name) =>
      [...readExpected(name).matchAll(/ \[([a-z-]+)\]$/gm)].map((m) => m[1]),
    );
    const expected = [
      "schema",
      "load",
      ...CONFIG_RULES.map((rule) => rule.name),
    ];

    expect(expected.filter((rule) => !tags.includes(rule))).toEqual([]);
  });
});

/** Runs the built CLI; resolves with the exit code even when it fails. */
async function runCli(args: string[]) {
  try {
    const { stderr } = await run(process.execPath, [CLI, ...args], {
      cwd: CASES_DIR,
    });
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe.concurrent("axion-stack generate on the corpus", () => {
  let scratch: string;
  let out: string;
  let before: TreeSnapshot;

  beforeAll(async () => {
    if (!existsSync(BUILT_CLI)) {
      throw new Error(
        `${BUILT_CLI} is missing: build the CLI first with ` +
          '"pnpm --filter @axion-stack/stack-config build"',
      );
    }
    scratch = await mkdtemp(join(tmpdir(), "axion-bad-configs-"));
    out = join(scratch, "flux");
    const generated = await runCli([
      "generate",
      "--config",
      VALID,
      "--out",
      out,
    ]);
    if (generated.code !== 0) {
      throw new Error(`generating the base tree failed:\n${generated.stderr}`);
    }
    before = await snapshotTree(scratch);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it.each(caseNames())("%s", async (name) => {
    const { code, stderr } = await runCli([
      "generate",
      "--config",
      name,
      "--out",
      out,
    ]);

    expect(code).toBe(1);
    expect(normalise(stderr)).toContain(readExpected(name).trimEnd());
    expect(await snapshotTree(scratch)).toEqual(before);
  });
});
