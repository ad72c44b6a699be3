import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

/** One entry of a directory tree, with what would change if it were written. */
export interface TreeEntry {
  path: string;
  kind: "file" | "directory";
  sha256?: string;
  /** Changes when the file is rewritten, even with the same bytes. */
  mtimeMs: number;
  /** Changes when the file is replaced by another one. */
  inode: number;
}

export type TreeSnapshot = TreeEntry[];

/**
 * Records every file and directory under `root` with its content hash,
 * modification time and inode, sorted by path.
 */
export async function snapshotTree(root: string): Promise<TreeSnapshot> {
  const entries: TreeEntry[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, dirent.name);
      const info = await stat(path);
      const entry: TreeEntry = {
        path: relative(root, path),
        kind: dirent.isDirectory() ? "directory" : "file",
        mtimeMs: info.mtimeMs,
        inode: info.ino,
      };
      if (dirent.isDirectory()) {
        await visit(path);
      } else {
        const bytes = await readFile(path);
        entry.sha256 = createHash("sha256").update(bytes).digest("hex");
      }
      entries.push(entry);
    }
  };
  await visit(root);
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
}
