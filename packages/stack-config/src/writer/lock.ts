/**
 * A lock file beside the output folder, so that two runs never build and
 * swap the same tree at once: the second one's rename would fail halfway.
 */
import { mkdir, open, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";

/** Thrown when another live process holds the lock of the output folder. */
export class OutputLockedError extends Error {
  constructor(
    readonly outDir: string,
    readonly pid: number | undefined,
  ) {
    const holder = pid === undefined ? "" : ` (PID ${pid})`;
    super(
      `another axion-stack run${holder} is writing ${outDir}; run again ` +
        "when it ends",
    );
    this.name = "OutputLockedError";
  }
}

/** Returns the lock file path of an output folder. */
export function lockPathOf(outDir: string): string {
  return `${outDir}.axion-stack.lock`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function createLock(path: string): Promise<boolean> {
  try {
    const file = await open(path, "wx");
    await file.writeFile(`${process.pid}\n`);
    await file.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return false;
    }
    throw error;
  }
}

/**
 * Runs `work` while holding the lock of `outDir`, created with O_EXCL and
 * removed afterwards. A lock whose PID no longer runs is stale, so it is
 * removed and taken once more; a live holder raises OutputLockedError.
 */
export async function withOutputLock<T>(
  outDir: string,
  work: () => Promise<T>,
): Promise<T> {
  const path = lockPathOf(outDir);
  await mkdir(dirname(outDir), { recursive: true });

  for (let attempt = 0; !(await createLock(path)); attempt += 1) {
    const text = await readFile(path, "utf8").catch(() => "");
    const pid = Number.parseInt(text, 10);
    // A lock just created may not have its PID written yet.
    if (attempt > 0 || Number.isNaN(pid) || isRunning(pid)) {
      throw new OutputLockedError(outDir, Number.isNaN(pid) ? undefined : pid);
    }
    await rm(path, { force: true });
  }

  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
