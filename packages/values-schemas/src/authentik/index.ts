import { registerValuesSchema } from "../registry.js";

export type * from "./values.js";

/** Version of the `authentik` chart that `AuthentikValues` describes. */
export const AUTHENTIK_CHART_VERSION = "2026.8.0";

registerValuesSchema(
  "authentik",
  AUTHENTIK_CHART_VERSION,
  "authentik-2026.8.0.schema.json",
);
