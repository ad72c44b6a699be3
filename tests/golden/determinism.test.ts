/**
 * The same config gives the same bytes whatever the working folder, time
 * zone and locale of the process that runs `axion-stack generate`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goldenCases, readTree, REPO_ROOT } from "./tree.js";

const run = promisify(execFile);
const CLI = join(REPO_ROOT, "tests/golden/cli.ts");

// `--import tsx` resolves from the working folder, which the test changes,
// so the loader is named by its absolute URL.
const TSX_LOADER = import.meta.resolve("tsx");

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "axion-determinism-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function generate(
  configPath: string,
  out: string,
  cwd: string,
  env: Record<string, string>,
): Promise<Map<string, string>> {
  await run(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      TSX_LOADER,
      CLI,
      "generate",
      "--config",
      configPath,
      "--out",
      out,
    ],
    { cwd, env: { ...process.env, ...env } },
  );
  return readTree(out);
}

describe("generate", () => {
  it("writes identical bytes across cwd, TZ and locale", async () => {
    const golden = goldenCases().find((c) => c.name === "axion1337");
    if (golden === undefined) {
      throw new Error("tests/fixtures/axion1337 is missing");
    }

    const first = await generate(
      golden.configPath,
      join(scratch, "a"),
      REPO_ROOT,
      {
        TZ: "UTC",
        LANG: "C",
        LC_ALL: "C",
      },
    );
    const second = await generate(
      golden.configPath,
      join(scratch, "b"),
      scratch,
      {
        TZ: "Pacific/Chatham",
        LANG: "tr_TR.UTF-8",
        LC_ALL: "de_DE.UTF-8",
      },
    );

    const expected = await readTree(golden.expectedDir);

    expect(first.size).toBeGreaterThan(0);
    expect([...first.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [path, content] of first) {
      expect(second.get(path), path).toBe(content);
      expect(content, `golden ${path}`).toBe(expected.get(path));
    }
  });
});
