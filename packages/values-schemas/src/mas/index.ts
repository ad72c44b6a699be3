export type * from "./config.js";

/**
 * Schema of `MasConfigFragment` under `schemas/`. MAS's own config schema
 * allows unknown keys, so this strict one catches a misspelled key.
 */
export const MAS_CONFIG_SCHEMA_FILE = "matrix-stack-mas-config.schema.json";
