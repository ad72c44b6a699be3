import { registerValuesSchema } from "../registry.js";

export type * from "./common.js";
export type * from "./components.js";
export type * from "./matrix-rtc.js";
export type * from "./values.js";

/** `matrix-stack` chart versions that the values types describe. */
export const ESS_CHART_VERSIONS = ["26.4.0", "26.8.1"] as const;

for (const version of ESS_CHART_VERSIONS) {
  registerValuesSchema(
    "matrix-stack",
    version,
    `matrix-stack-${version}.schema.json`,
  );
}

export { fragmentValidator, type FragmentKind } from "./fragments.js";
