export { defineStack } from "./config/define.js";
export type * from "./config/model.js";
export { resolveStack, type ResolvedStack } from "./config/resolve.js";
export type { SecretSpec } from "./config/secrets.js";
export type { Generator, JsonObject, Manifest } from "./generators/types.js";
