import { registerValuesSchema } from "../registry.js";

export type * from "./values.js";

/** Version of the `prometheus-node-exporter` chart that its type describes. */
export const NODE_EXPORTER_CHART_VERSION = "4.56.1";

registerValuesSchema(
  "prometheus-node-exporter",
  NODE_EXPORTER_CHART_VERSION,
  "prometheus-node-exporter-4.56.1.schema.json",
);
