import { registerValuesSchema } from "../registry.js";

export type * from "./values.js";

/** Version of the `kube-state-metrics` chart that its values type describes. */
export const KUBE_STATE_METRICS_CHART_VERSION = "8.4.0";

registerValuesSchema(
  "kube-state-metrics",
  KUBE_STATE_METRICS_CHART_VERSION,
  "kube-state-metrics-8.4.0.schema.json",
);
