export type * from "./homeserver.js";

/**
 * Schema of `SynapseHomeserverFragment` under `schemas/`. The chart's own
 * schema does not check the content of `synapse.additional`, so the
 * generators check each fragment against this one.
 */
export const SYNAPSE_HOMESERVER_SCHEMA_FILE =
  "matrix-stack-synapse-homeserver.schema.json";
