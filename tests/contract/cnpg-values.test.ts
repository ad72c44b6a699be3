import { readUpstream } from "@axion-stack/test-upstream";
import {
  clusterValues,
  operatorValues,
  pluginValues,
  resolveStack,
} from "@axion-stack/stack-config";
import {
  CNPG_CHART_VERSIONS,
  formatSchemaErrors,
  valuesValidator,
} from "@axion-stack/values-schemas";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { findUndefinedValuesPaths } from "./chart-defaults.js";

const withBackups = resolveStack({
  serverName: "example.org",
  postgres: { instances: 2, storageSize: "40Gi" },
  cluster: { nodes: 2, storageClassName: "local-path" },
  backups: {
    objectStore: {
      endpointURL: "https://s3.example.net",
      bucket: "example-backups",
      path: "/matrix/",
      region: "eu-west-1",
    },
  },
});
const withoutBackups = resolveStack({ serverName: "example.org" });

const UPSTREAM = "cloudnative-pg-charts";

const CASES = [
  {
    name: "operator",
    chart: "cloudnative-pg",
    version: CNPG_CHART_VERSIONS.operator,
    values: operatorValues() as object,
  },
  {
    name: "plugin",
    chart: "plugin-barman-cloud",
    version: CNPG_CHART_VERSIONS.barmanCloudPlugin,
    values: pluginValues() as object,
  },
  {
    name: "cluster with backups",
    chart: "cluster",
    version: CNPG_CHART_VERSIONS.cluster,
    values: clusterValues(withBackups) as object,
  },
  {
    name: "cluster without backups",
    chart: "cluster",
    version: CNPG_CHART_VERSIONS.cluster,
    values: clusterValues(withoutBackups) as object,
  },
];

// The upstream schemas are draft-07 and allow unknown keys, so each case
// is also checked against the chart's values.yaml and our strict schema.
function upstreamFile(chart: string, version: string, file: string) {
  return `${UPSTREAM}/${chart}-v${version}/${file}`;
}

describe("CloudNativePG values against the charts", () => {
  it.each(CASES)("$name: valid under the chart's schema", (entry) => {
    const schema = readUpstream<object>(
      upstreamFile(entry.chart, entry.version, "values.schema.json"),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      schema,
    );

    const valid = validate(entry.values);

    expect(formatSchemaErrors(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(CASES)("$name: every key path is in values.yaml", (entry) => {
    const issues = findUndefinedValuesPaths(
      entry.values,
      readUpstream(upstreamFile(entry.chart, entry.version, "values.yaml")),
    );

    expect(issues).toEqual([]);
  });

  it.each(CASES)("$name: valid under our strict schema", (entry) => {
    const validate = valuesValidator(entry.chart, entry.version);

    expect(validate).toBeDefined();
    const valid = validate?.(entry.values);
    expect(formatSchemaErrors(validate?.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("rejects a misspelled key under our strict schema", () => {
    const validate = valuesValidator("cluster", CNPG_CHART_VERSIONS.cluster);
    const values = clusterValues(withoutBackups) as object;

    expect(validate?.({ ...values, instance: 1 })).toBe(false);
  });

  it("rejects a bad value under the chart's schema", () => {
    const schema = readUpstream<object>(
      upstreamFile(
        "cluster",
        CNPG_CHART_VERSIONS.cluster,
        "values.schema.json",
      ),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      schema,
    );
    const values = clusterValues(withoutBackups);

    const cluster = { ...values.cluster, instances: "one" };

    expect(validate({ ...values, cluster })).toBe(false);
  });
});
