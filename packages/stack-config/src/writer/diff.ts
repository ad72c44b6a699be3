/** Unified diffs of what a write would change, for `--check`. */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import type { FileChange } from "./tree.js";

/** Renders one change as a unified diff with `a/` and `b/` prefixes. */
export function formatChange(change: FileChange): string {
  const before = change.kind === "add" ? "/dev/null" : `a/${change.path}`;
  const after = change.kind === "delete" ? "/dev/null" : `b/${change.path}`;
  return createTwoFilesPatch(
    before,
    after,
    change.before,
    change.after,
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
}

/** Renders every change, in the order given, as one patch. */
export function formatChanges(changes: FileChange[]): string {
  return changes.map(formatChange).join("");
}
