export * from "./model.js";
export * from "./profiles.js";
export { mergeCaps } from "./merge.js";
export {
  capsToDocument,
  documentToCaps,
  type AudioCapsDocument,
  type CapsDocument,
  type VideoCapsDocument,
} from "./document.js";
export {
  decodeJson,
  isJsonObject,
  MAX_DOCUMENT_LENGTH,
  parseCapsDocument,
  parseCapsFromText,
  type ParseResult,
} from "./parse.js";
export * from "./widget-config.js";
export * from "./versions.js";
