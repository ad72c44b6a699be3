/**
 * Reading the existing output tree: which files axion-stack wrote before,
 * which belong to someone else, and what a new render would change.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { MANAGED_LIST } from "./paths.js";
import { HEADER_PREFIX, type RenderedFile } from "./serialise.js";

/** One entry of an existing tree, by its path relative to the root. */
export interface TreeEntry {
  path: string;
  kind: "file" | "directory" | "symlink";
}

/** Change of one file between the existing tree and a new render. */
export interface FileChange {
  path: string;
  kind: "add" | "modify" | "delete";
  before: string;
  after: string;
}

/** Thrown when a new file would replace a file that axion-stack did not write. */
export class UnmanagedFileError extends Error {
  constructor(readonly paths: string[]) {
    super(
      `refusing to overwrite ${paths.join(", ")}: not written by ` +
        "axion-stack (no generated-file header and not in " +
        `${MANAGED_LIST}). Move or delete these files, then run again.`,
    );
    this.name = "UnmanagedFileError";
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

/** Returns the file's text, or undefined when it does not exist. */
export async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (isMissing(error)) {
      return undefined;
    }
    throw error;
  }
}

/** Renders the managed list: a comment line, then one sorted path a line. */
export function managedListContent(paths: string[]): string {
  const sorted = [...paths].sort();
  const comment =
    "# Files written by axion-stack. The next run deletes those it no " +
    "longer generates.";
  return [comment, ...sorted].join("\n") + "\n";
}

/** Returns the paths of the previous run's managed list, empty if none. */
export async function readManagedList(root: string): Promise<Set<string>> {
  const text = await readIfPresent(join(root, MANAGED_LIST));
  const lines = (text ?? "").split("\n").map((line) => line.trim());
  return new Set(lines.filter((line) => line !== "" && !line.startsWith("#")));
}

/** Lists every entry under root, depth first, without following symlinks. */
export async function scanTree(
  root: string,
  prefix = "",
): Promise<TreeEntry[]> {
  let names: string[];
  try {
    names = await readdir(join(root, prefix));
  } catch (error) {
    if (isMissing(error)) {
      return [];
    }
    throw error;
  }

  const entries: TreeEntry[] = [];
  for (const name of names.sort()) {
    const path = prefix === "" ? name : posix.join(prefix, name);
    const stats = await lstat(join(root, path));
    if (stats.isSymbolicLink()) {
      entries.push({ path, kind: "symlink" });
    } else if (stats.isDirectory()) {
      entries.push({ path, kind: "directory" });
      entries.push(...(await scanTree(root, path)));
    } else {
      entries.push({ path, kind: "file" });
    }
  }
  return entries;
}

/** Tells whether an existing file starts with a generated-file header. */
export function hasGeneratedHeader(text: string): boolean {
  const firstLine = text.slice(0, text.indexOf("\n") + 1 || undefined);
  return firstLine.includes(HEADER_PREFIX);
}

/**
 * Compares a render with the tree at root. Files of the previous run that
 * are no longer generated are deletions; other files are left alone.
 * Throws UnmanagedFileError when a new file would replace a foreign one.
 */
export async function planChanges(
  root: string,
  files: RenderedFile[],
): Promise<FileChange[]> {
  const previous = await readManagedList(root);
  const changes: FileChange[] = [];
  const foreign: string[] = [];

  for (const file of files) {
    const before = await readIfPresent(join(root, file.path));
    if (before === undefined) {
      changes.push({
        path: file.path,
        kind: "add",
        before: "",
        after: file.content,
      });
      continue;
    }
    const managed =
      previous.has(file.path) ||
      file.path === MANAGED_LIST ||
      hasGeneratedHeader(before);
    if (!managed) {
      foreign.push(file.path);
    } else if (before !== file.content) {
      changes.push({
        path: file.path,
        kind: "modify",
        before,
        after: file.content,
      });
    }
  }
  if (foreign.length > 0) {
    throw new UnmanagedFileError(foreign);
  }

  const next = new Set(files.map((file) => file.path));
  for (const path of [...previous].sort()) {
    const before = next.has(path)
      ? undefined
      : await readIfPresent(join(root, path));
    if (before !== undefined) {
      changes.push({ path, kind: "delete", before, after: "" });
    }
  }
  return changes;
}
