import { readUpstream } from "@axion-stack/test-upstream";
import {
  generateAuthentik,
  type ResolvedStack,
  resolveStack,
} from "@axion-stack/stack-config";
import {
  AUTHENTIK_CHART_VERSION,
  formatSchemaErrors,
  valuesValidator,
} from "@axion-stack/values-schemas";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findUndefinedValuesPaths } from "./chart-defaults.js";

const UPSTREAM_VALUES =
  `authentik-helm/authentik-${AUTHENTIK_CHART_VERSION}/` + "values.yaml";

/**
 * Keys of the Bitnami PostgreSQL subchart (18.8.11). The authentik chart
 * forwards `postgresql.*` to it, but its own values.yaml lists only the keys
 * it overrides.
 */
const SUBCHART_PATHS = [
  "postgresql.auth.existingSecret",
  "postgresql.auth.secretKeys",
  "postgresql.primary.persistence",
];

/** Returns the values as the release's ConfigMap carries them. */
function emittedValues(stack: ResolvedStack): Record<string, unknown> {
  const configMap = generateAuthentik(stack).find(
    (manifest) => manifest.path === "apps/authentik/values.yaml",
  );
  if (configMap === undefined || !("document" in configMap)) {
    throw new Error("generateAuthentik emitted no values ConfigMap");
  }
  const data = configMap.document.data as Record<string, string>;
  return parse(data["values.yaml"] ?? "") as Record<string, unknown>;
}

const single = resolveStack({
  serverName: "example.org",
  monitoring: { enabled: false },
});
const multiNode = resolveStack({
  serverName: "example.org",
  cluster: { nodes: 3, storageClassName: "fast" },
  privacy: { authentikErrorReporting: true },
  monitoring: { enabled: false },
});

describe("authentik values against the chart", () => {
  const defaults = readUpstream(UPSTREAM_VALUES);

  it.each([
    { name: "single node", stack: single },
    { name: "three nodes", stack: multiNode },
  ])("$name: every key path is in values.yaml", ({ stack }) => {
    const issues = findUndefinedValuesPaths(
      emittedValues(stack),
      defaults,
      SUBCHART_PATHS,
    );

    expect(issues).toEqual([]);
  });

  it("reports a misspelled key", () => {
    const values = emittedValues(single);
    const server = values.server as object;
    const typo = { ...values, server: { ...server, replica: 1 } };

    const issues = findUndefinedValuesPaths(typo, defaults, SUBCHART_PATHS);

    expect(issues).toEqual([
      { path: "server.replica", problem: "not in the chart's values.yaml" },
    ]);
  });

  it("reports a type that differs from the default", () => {
    const values = emittedValues(single);
    const server = values.server as object;
    const wrong = { ...values, server: { ...server, replicas: "1" } };

    const issues = findUndefinedValuesPaths(wrong, defaults, SUBCHART_PATHS);

    expect(issues).toEqual([
      {
        path: "server.replicas",
        problem: "is string, the chart's default is number",
      },
    ]);
  });
});

describe("authentik values against our schema", () => {
  const validate = valuesValidator("authentik", AUTHENTIK_CHART_VERSION);

  it.each([
    { name: "single node", stack: single },
    { name: "three nodes", stack: multiNode },
  ])("$name: valid", ({ stack }) => {
    expect(validate).toBeDefined();
    const valid = validate?.(emittedValues(stack));

    expect(formatSchemaErrors(validate?.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("rejects a misspelled key", () => {
    const values = emittedValues(single);
    const worker = values.worker as object;
    const typo = { ...values, worker: { ...worker, replica: 1 } };

    expect(validate?.(typo)).toBe(false);
    expect(formatSchemaErrors(validate?.errors)).toContain(
      "/worker: must NOT have additional properties",
    );
  });
});
