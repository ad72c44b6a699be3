import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockPathOf, OutputLockedError, withOutputLock } from "./lock.js";

let dir: string;
let outDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "axion-lock-"));
  outDir = join(dir, "flux");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Returns the PID of a process that has already exited. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid;
}

describe("withOutputLock", () => {
  it("holds the lock during the work only", async () => {
    const held = await withOutputLock(outDir, async () =>
      existsSync(lockPathOf(outDir)),
    );

    expect(held).toBe(true);
    expect(existsSync(lockPathOf(outDir))).toBe(false);
  });

  it("removes the lock when the work throws", async () => {
    const failing = withOutputLock(outDir, async () => {
      throw new Error("render failed");
    });

    await expect(failing).rejects.toThrow("render failed");
    expect(existsSync(lockPathOf(outDir))).toBe(false);
  });

  it("rejects a second run at once", async () => {
    let release = () => {};
    const first = withOutputLock(
      outDir,
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = withOutputLock(outDir, async () => "ran");

    await expect(second).rejects.toBeInstanceOf(OutputLockedError);
    await expect(second).rejects.toThrow(
      `another axion-stack run (PID ${process.pid}) is writing ${outDir}; ` +
        "run again when it ends",
    );
    release();
    await first;
  });

  it("takes over a lock whose process ended", async () => {
    await writeFile(lockPathOf(outDir), `${endedPid()}\n`);

    await expect(withOutputLock(outDir, async () => "ran")).resolves.toBe(
      "ran",
    );
    expect(existsSync(lockPathOf(outDir))).toBe(false);
  });
});
