export {
  type Blueprint,
  type BlueprintEntry,
  type BlueprintEntryState,
  type BlueprintTag,
  type BlueprintValue,
  EnvTag,
  FindTag,
  KeyOfTag,
} from "./types.js";
