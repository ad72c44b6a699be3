import { registerValuesSchema } from "../registry.js";

export type * from "./cluster.js";
export type * from "./operator.js";

/** Versions of the CloudNativePG charts that the values types describe. */
export const CNPG_CHART_VERSIONS = {
  operator: "0.29.0",
  barmanCloudPlugin: "0.7.0",
  cluster: "0.8.1",
} as const;

registerValuesSchema(
  "cloudnative-pg",
  CNPG_CHART_VERSIONS.operator,
  "cloudnative-pg-0.29.0.schema.json",
);
registerValuesSchema(
  "plugin-barman-cloud",
  CNPG_CHART_VERSIONS.barmanCloudPlugin,
  "plugin-barman-cloud-0.7.0.schema.json",
);
registerValuesSchema(
  "cluster",
  CNPG_CHART_VERSIONS.cluster,
  "cnpg-cluster-0.8.1.schema.json",
);
