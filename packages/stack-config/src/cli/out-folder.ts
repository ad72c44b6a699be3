/**
 * Checks --out before a run scans or replaces it, so that a typo cannot
 * make generate walk the whole filesystem or replace a user's folder.
 */
import { type Dirent } from "node:fs";
import { open, readdir } from "node:fs/promises";
import { join, parse } from "node:path";
import { MANAGED_LIST } from "../writer/paths.js";
import { hasGeneratedHeader } from "../writer/tree.js";
import { UsageError } from "./exit-codes.js";

/**
 * Maximum number of entries read while looking for a generated file. A
 * tree that generate wrote has its managed list at the top, so this walk
 * only matters for a folder that has none. A larger folder with no
 * generated file among the entries read is rejected.
 */
const MAX_SCANNED_ENTRIES = 5000;

/** Matches what `flux bootstrap` writes before the first generate. */
const BOOTSTRAP_PATH = /^clusters(\/[^/]+(\/flux-system(\/.*)?)?)?$/;

async function entriesOf(folder: string): Promise<Dirent[] | undefined> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return undefined;
    }
    throw error;
  }
}

async function startsWithHeader(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return hasGeneratedHeader(buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await file.close();
  }
}

/**
 * Returns whether the folder looks like ours: a file carries the
 * generated-file header, or everything in it is flux bootstrap output.
 */
async function looksGenerated(root: string): Promise<boolean> {
  const queue = [""];
  let scanned = 0;
  let onlyBootstrap = true;
  while (queue.length > 0 && scanned < MAX_SCANNED_ENTRIES) {
    const folder = queue.shift() ?? "";
    for (const entry of (await entriesOf(join(root, folder))) ?? []) {
      scanned += 1;
      const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
      onlyBootstrap &&= BOOTSTRAP_PATH.test(path);
      if (entry.isDirectory()) {
        queue.push(path);
      } else if (entry.isFile() && (await startsWithHeader(join(root, path)))) {
        return true;
      }
    }
  }
  return onlyBootstrap && queue.length === 0;
}

/**
 * Throws UsageError when --out is a filesystem root, or a non-empty
 * folder that axion-stack did not write and that is not flux bootstrap
 * output.
 */
export async function assertOutFolder(outDir: string): Promise<void> {
  if (parse(outDir).root === outDir) {
    throw new UsageError(
      `--out ${outDir} is a filesystem root: pass the folder of the Flux ` +
        "tree, such as flux",
    );
  }
  const entries = await entriesOf(outDir);
  if (entries === undefined || entries.length === 0) {
    return;
  }
  if (entries.some((entry) => entry.name === MANAGED_LIST)) {
    return;
  }
  if (!(await looksGenerated(outDir))) {
    throw new UsageError(
      `--out ${outDir} is a non-empty folder that axion-stack did not ` +
        `write (no ${MANAGED_LIST} and no generated files): pass an empty ` +
        "or new folder, or the folder of an existing Flux tree",
    );
  }
}
