export {
  VALUES_SCHEMA_FILES,
  formatSchemaErrors,
  registerValuesSchema,
  valuesValidator,
} from "./registry.js";
export * from "./alloy/index.js";
export * from "./authentik/index.js";
export * from "./authentik-blueprint/index.js";
export * from "./cloudnative-pg/index.js";
export * from "./coturn/index.js";
export * from "./ess/index.js";
export * from "./kube-state-metrics/index.js";
export * from "./mas/index.js";
export * from "./node-exporter/index.js";
export * from "./synapse/index.js";
export type * from "./kubernetes/pod.js";
