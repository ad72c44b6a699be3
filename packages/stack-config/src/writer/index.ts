export { formatChange, formatChanges } from "./diff.js";
export { assertSafePath, MANAGED_LIST, UnsafePathError } from "./paths.js";
export {
  canonicalJson,
  configSha256,
  type HeaderInfo,
  headerText,
  type RenderedFile,
  serialiseManifest,
  toYaml,
} from "./serialise.js";
export { type FileChange, planChanges, UnmanagedFileError } from "./tree.js";
export { completeTree, type WriteSummary, writeTree } from "./write.js";
