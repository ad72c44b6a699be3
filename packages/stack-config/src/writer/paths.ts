/**
 * Path rules of the output tree. Every path is relative to the tree's root
 * and uses `/`; nothing may escape the root or land where `flux bootstrap`
 * writes.
 */
import { posix } from "node:path";

/** File that lists every path axion-stack wrote in the tree. */
export const MANAGED_LIST = ".axion-stack-managed";

/** Thrown when a manifest path is not allowed in the tree. */
export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`invalid output path "${path}": ${reason}`);
    this.name = "UnsafePathError";
  }
}

/** Thrown when the output folder exists but is not a folder. */
export class OutputFolderError extends Error {
  constructor(readonly path: string) {
    super(
      `output folder ${path} is a file, not a folder: pass --out with a ` +
        "folder, or move the file away",
    );
    this.name = "OutputFolderError";
  }
}

/** Matches what `flux bootstrap` owns under `clusters/<name>/`. */
const BOOTSTRAP_OWNED =
  /^clusters\/[^/]+\/(flux-system(\/|$)|kustomization\.yaml$)/;

/** Returns the reason a path is not allowed, or undefined when it is. */
export function unsafePathReason(path: string): string | undefined {
  if (path === "" || path.includes("\\") || path.includes("\0")) {
    return "use a non-empty relative path with '/' separators";
  }
  if (posix.isAbsolute(path) || /^[A-Za-z]:/.test(path)) {
    return "use a path relative to the output root";
  }
  if (
    path.split("/").some((part) => part === ".." || part === "." || part === "")
  ) {
    return "'.', '..' and empty segments would leave or blur the output root";
  }
  if (BOOTSTRAP_OWNED.test(path)) {
    return "flux bootstrap owns clusters/<name>/kustomization.yaml and clusters/<name>/flux-system/";
  }
  if (path === MANAGED_LIST) {
    return `${MANAGED_LIST} is the writer's own list of generated files`;
  }
  return undefined;
}

/** Throws UnsafePathError when a path is not allowed in the tree. */
export function assertSafePath(path: string): void {
  const reason = unsafePathReason(path);
  if (reason !== undefined) {
    throw new UnsafePathError(path, reason);
  }
}
