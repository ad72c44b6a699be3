/**
 * Reading the existing output tree: which files axion-stack wrote before,
 * which belong to someone else, and what a new render would change.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { MANAGED_LIST, OutputFolderError, unsafePathReason } from "./paths.js";
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

/**
 * Returns the paths of the previous run's managed list, empty if none.
 * Lines that are not a safe tree path are ignored, so an edited list can
 * never make the writer read or drop a file outside the root.
 */
export async function readManagedList(root: string): Promise<Set<string>> {
  const text = await readIfPresent(join(root, MANAGED_LIST));
  const lines = (text ?? "").split("\n").map((line) => line.trim());
  const paths = lines.filter((line) => line !== "" && !line.startsWith("#"));
  return new Set(paths.filter((path) => unsafePathReason(path) === undefined));
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
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") {
      throw new OutputFolderError(root);
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
 * Returns the entry that keeps a file from being written at path: a
 * symlink or file where the path needs a folder, or a folder or symlink at
 * the path itself. Writing through a symlink could leave the output root.
 */
function blockingEntry(
  path: string,
  kinds: Map<string, TreeEntry["kind"]>,
): string | undefined {
  const parts = path.split("/");
  for (let depth = 1; depth < parts.length; depth += 1) {
    const folder = parts.slice(0, depth).join("/");
    const kind = kinds.get(folder);
    if (kind === "symlink" || kind === "file") {
      return folder;
    }
  }
  const kind = kinds.get(path);
  return kind === "directory" || kind === "symlink" ? path : undefined;
}

/** Returns the change of one new file, or a foreign path it would replace. */
async function compareFile(
  root: string,
  file: RenderedFile,
  kinds: Map<string, TreeEntry["kind"]>,
  previous: Set<string>,
): Promise<FileChange | string | undefined> {
  const blocking = blockingEntry(file.path, kinds);
  if (blocking !== undefined) {
    return blocking;
  }
  if (!kinds.has(file.path)) {
    return { path: file.path, kind: "add", before: "", after: file.content };
  }

  const before = await readFile(join(root, file.path), "utf8");
  const managed =
    previous.has(file.path) ||
    file.path === MANAGED_LIST ||
    hasGeneratedHeader(before);
  if (!managed) {
    return file.path;
  }
  return before === file.content
    ? undefined
    : { path: file.path, kind: "modify", before, after: file.content };
}

/**
 * Compares a render with the tree at root. Files of the previous run that
 * are no longer generated are deletions; other files are left alone.
 * Throws UnmanagedFileError when a new file would replace a foreign file,
 * folder or symlink.
 */
export async function planChanges(
  root: string,
  files: RenderedFile[],
): Promise<FileChange[]> {
  const entries = await scanTree(root);
  const kinds = new Map(entries.map((entry) => [entry.path, entry.kind]));
  const previous = await readManagedList(root);
  const changes: FileChange[] = [];
  const foreign: string[] = [];

  for (const file of files) {
    const result = await compareFile(root, file, kinds, previous);
    if (typeof result === "string") {
      foreign.push(result);
    } else if (result !== undefined) {
      changes.push(result);
    }
  }
  if (foreign.length > 0) {
    // Every file under one symlinked folder reports that same folder.
    throw new UnmanagedFileError([...new Set(foreign)]);
  }

  const next = new Set(files.map((file) => file.path));
  for (const path of [...previous].sort()) {
    if (!next.has(path) && kinds.get(path) === "file") {
      const before = await readFile(join(root, path), "utf8");
      changes.push({ path, kind: "delete", before, after: "" });
    }
  }
  return changes;
}
