/**
 * The atomic writer. It builds the whole new tree in a temporary folder
 * beside the output folder, copies in what axion-stack does not manage
 * (such as `clusters/<name>/flux-system/` or a user's README), then swaps
 * the folders with two renames. Any failure before the swap leaves the old
 * tree untouched.
 */
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { assertSafePath, MANAGED_LIST } from "./paths.js";
import type { RenderedFile } from "./serialise.js";
import {
  type FileChange,
  managedListContent,
  planChanges,
  readManagedList,
  scanTree,
} from "./tree.js";

/** Result of a write: the managed files and the changes made. */
export interface WriteSummary {
  /** Every file of the new tree that axion-stack manages. */
  files: RenderedFile[];
  changes: FileChange[];
}

/** Adds the managed list to a render, checking every path first. */
export function completeTree(files: RenderedFile[]): RenderedFile[] {
  for (const file of files) {
    assertSafePath(file.path);
  }
  const paths = files.map((file) => file.path);
  return [...files, { path: MANAGED_LIST, content: managedListContent(paths) }];
}

async function copyUnmanaged(
  root: string,
  target: string,
  skip: Set<string>,
): Promise<void> {
  const entries = await scanTree(root);
  const parents = new Set(entries.map((entry) => dirname(entry.path)));

  for (const entry of entries) {
    // Folders are created with the files they contain, so a folder whose
    // files are all dropped disappears. Only folders that were empty stay.
    const filledFolder = entry.kind === "directory" && parents.has(entry.path);
    if (skip.has(entry.path) || filledFolder) {
      continue;
    }
    const from = join(root, entry.path);
    const to = join(target, entry.path);
    await mkdir(dirname(to), { recursive: true });
    if (entry.kind === "directory") {
      await mkdir(to, { recursive: true });
    } else if (entry.kind === "symlink") {
      await symlink(await readlink(from), to);
    } else {
      await copyFile(from, to);
    }
  }
}

async function writeFiles(target: string, files: RenderedFile[]) {
  for (const file of files) {
    const path = join(target, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
}

async function folderMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Replaces root by target; on failure root keeps its old content. */
async function swap(root: string, target: string, existed: boolean) {
  if (!existed) {
    await rename(target, root);
    return;
  }
  const backup = `${target}.old`;
  await rename(root, backup);
  try {
    await rename(target, root);
  } catch (error) {
    await rename(backup, root);
    throw error;
  }
  await rm(backup, { recursive: true, force: true });
}

/**
 * Writes a render into outDir, deleting files of the previous run that are
 * no longer generated and keeping every file axion-stack did not write.
 * An unchanged tree is left as it is.
 * NOTE: a process killed between the two renames of the swap leaves the
 * old tree in `.<out>.tmp-*.old` beside the output folder; rename it back.
 */
export async function writeTree(
  outDir: string,
  rendered: RenderedFile[],
): Promise<WriteSummary> {
  // Resolve a symlinked output folder, so the swap replaces its target.
  const root = await realpath(resolve(outDir)).catch(() => resolve(outDir));
  const files = completeTree(rendered);
  const changes = await planChanges(root, files);
  if (changes.length === 0) {
    return { files, changes };
  }
  const previous = await readManagedList(root);
  const mode = await folderMode(root);

  await mkdir(dirname(root), { recursive: true });
  const target = await mkdtemp(join(dirname(root), `.${basename(root)}.tmp-`));
  try {
    const skip = new Set([...previous, ...files.map((file) => file.path)]);
    await copyUnmanaged(root, target, skip);
    await writeFiles(target, files);
    await chmod(target, mode ?? 0o755);
    await swap(root, target, mode !== undefined);
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }
  return { files, changes };
}
