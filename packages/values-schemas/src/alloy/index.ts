import { registerValuesSchema } from "../registry.js";

export type * from "./values.js";

/** Version of the `alloy` chart that `AlloyValues` describes. */
export const ALLOY_CHART_VERSION = "1.11.1";

registerValuesSchema("alloy", ALLOY_CHART_VERSION, "alloy-1.11.1.schema.json");
