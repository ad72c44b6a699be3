export type * from "./turnserver.js";

/**
 * Schema of `TurnServerConfig` under `schemas/`. coturn is not a chart, so
 * it is not in the values schema registry.
 */
export const TURNSERVER_SCHEMA_FILE = "coturn-turnserver.schema.json";
