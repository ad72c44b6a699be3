import { readUpstream } from "@axion-stack/test-upstream";
import {
  alloyValues,
  kubeStateMetricsValues,
  nodeExporterValues,
  resolveStack,
} from "@axion-stack/stack-config";
import {
  ALLOY_CHART_VERSION,
  formatSchemaErrors,
  KUBE_STATE_METRICS_CHART_VERSION,
  NODE_EXPORTER_CHART_VERSION,
  valuesValidator,
} from "@axion-stack/values-schemas";
import { describe, expect, it } from "vitest";
import { findUndefinedValuesPaths } from "./chart-defaults.js";

const stack = resolveStack({
  serverName: "example.org",
  monitoring: {
    prometheusUrl: "http://prometheus.example:9090",
    lokiUrl: "http://loki.example:3100",
  },
});

const CHARTS = [
  {
    chart: "alloy",
    version: ALLOY_CHART_VERSION,
    upstream: `alloy-helm/helm-chart-${ALLOY_CHART_VERSION}/values.yaml`,
    values: alloyValues(stack) as object,
  },
  {
    chart: "kube-state-metrics",
    version: KUBE_STATE_METRICS_CHART_VERSION,
    upstream:
      "prometheus-community-helm-charts/" +
      `kube-state-metrics-${KUBE_STATE_METRICS_CHART_VERSION}/values.yaml`,
    values: kubeStateMetricsValues() as object,
  },
  {
    chart: "prometheus-node-exporter",
    version: NODE_EXPORTER_CHART_VERSION,
    upstream:
      "prometheus-community-helm-charts/" +
      `prometheus-node-exporter-${NODE_EXPORTER_CHART_VERSION}/values.yaml`,
    values: nodeExporterValues() as object,
    // The chart writes both into the DaemonSet with toYaml, so they take
    // every Kubernetes security context field, not only its defaults' keys.
    passThrough: ["securityContext", "containerSecurityContext"],
  },
];

describe("monitoring values against the charts", () => {
  it.each(CHARTS)("$chart: every key path is in values.yaml", (entry) => {
    const issues = findUndefinedValuesPaths(
      entry.values,
      readUpstream(entry.upstream),
      entry.passThrough,
    );

    expect(issues).toEqual([]);
  });

  it.each(CHARTS)("$chart: reports a misspelled key", (entry) => {
    const typo = { ...entry.values, securityContex: {} };

    const issues = findUndefinedValuesPaths(
      typo,
      readUpstream(entry.upstream),
      entry.passThrough,
    );

    expect(issues).toEqual([
      { path: "securityContex", problem: "not in the chart's values.yaml" },
    ]);
  });

  it("alloy: the config passes through tpl as a string", () => {
    const defaults = readUpstream<{ alloy: { configMap: object } }>(
      CHARTS[0]!.upstream,
    );

    expect(defaults.alloy.configMap).toHaveProperty("content", "");
  });
});

describe("monitoring values against our schemas", () => {
  it.each(CHARTS)("$chart: valid", ({ chart, version, values }) => {
    const validate = valuesValidator(chart, version);

    expect(validate).toBeDefined();
    const valid = validate?.(values);

    expect(formatSchemaErrors(validate?.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(CHARTS)("$chart: rejects a misspelled key", (entry) => {
    const validate = valuesValidator(entry.chart, entry.version);
    const typo = { ...entry.values, securityContex: {} };

    expect(validate?.(typo)).toBe(false);
    expect(formatSchemaErrors(validate?.errors)).toContain(
      "/: must NOT have additional properties",
    );
  });
});
