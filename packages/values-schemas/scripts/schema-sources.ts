/**
 * Every JSON Schema this package generates: the file under `schemas/`, the
 * source file under the package root and the exported type it describes.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as TJS from "typescript-json-schema";

export interface SchemaSource {
  file: string;
  source: string;
  type: string;
}

export const SCHEMA_SOURCES: SchemaSource[] = [
  {
    file: "authentik-2026.8.0.schema.json",
    source: "src/authentik/values.ts",
    type: "AuthentikValues",
  },
  {
    file: "alloy-1.11.1.schema.json",
    source: "src/alloy/values.ts",
    type: "AlloyValues",
  },
  {
    file: "kube-state-metrics-8.4.0.schema.json",
    source: "src/kube-state-metrics/values.ts",
    type: "KubeStateMetricsValues",
  },
  {
    file: "prometheus-node-exporter-4.56.1.schema.json",
    source: "src/node-exporter/values.ts",
    type: "NodeExporterValues",
  },
  {
    file: "cloudnative-pg-0.29.0.schema.json",
    source: "src/cloudnative-pg/operator.ts",
    type: "CloudNativePgValues",
  },
  {
    file: "plugin-barman-cloud-0.7.0.schema.json",
    source: "src/cloudnative-pg/operator.ts",
    type: "BarmanCloudPluginValues",
  },
  {
    file: "cnpg-cluster-0.8.1.schema.json",
    source: "src/cloudnative-pg/cluster.ts",
    type: "CnpgClusterValues",
  },
  {
    file: "coturn-turnserver.schema.json",
    source: "src/coturn/turnserver.ts",
    type: "TurnServerConfig",
  },
  {
    file: "matrix-stack-26.4.0.schema.json",
    source: "src/ess/values.ts",
    type: "MatrixStackValuesV26_4_0",
  },
  {
    file: "matrix-stack-26.8.1.schema.json",
    source: "src/ess/values.ts",
    type: "MatrixStackValuesV26_8_1",
  },
  {
    file: "matrix-stack-synapse-homeserver.schema.json",
    source: "src/synapse/homeserver.ts",
    type: "SynapseHomeserverFragment",
  },
  {
    file: "matrix-stack-mas-config.schema.json",
    source: "src/mas/config.ts",
    type: "MasConfigFragment",
  },
];

/** Root folder of the values-schemas package. */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

const SETTINGS: TJS.PartialArgs = {
  required: true,
  noExtraProps: true,
  strictNullChecks: true,
  ref: true,
  aliasRef: false,
  topRef: false,
};

/** Renders one schema as the text committed under `schemas/`. */
export function renderSchema(source: string, typeName: string): string {
  const program = TJS.getProgramFromFiles(
    [join(packageDir, source)],
    { strict: true, skipLibCheck: true },
    packageDir,
  );
  const schema = TJS.generateSchema(program, typeName, SETTINGS);
  if (schema === null) {
    throw new Error(`type ${typeName} not found in ${source}`);
  }
  return `${JSON.stringify(schema, null, 2)}\n`;
}
