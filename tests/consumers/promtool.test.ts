import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { findPrometheusFiles, promtoolCheck } from "./support/promtool.js";
import { skipWithoutTools, TOOLS } from "./support/tools.js";
import {
  generateTree,
  type GeneratedTree,
  readObjects,
  STACK_CONFIG,
} from "./support/tree.js";

const skip = skipWithoutTools([TOOLS.promtool]);

const RULE_GROUPS = {
  groups: [
    {
      name: "synapse",
      rules: [{ alert: "SynapseDown", expr: 'up{job="synapse"} == 0' }],
    },
  ],
};

describe.skipIf(skip)("promtool on the generated tree", () => {
  let work: string;
  let tree: GeneratedTree;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "axion-promtool-"));
    tree = await generateTree(STACK_CONFIG, join(work, "repo"));
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it("accepts every rule file and config", async (context) => {
    const files = findPrometheusFiles(readObjects(tree.fluxRoot));
    if (files.length === 0) {
      context.skip(
        "the generated tree contains no Prometheus rules or scrape " +
          "configs yet; this test checks them once a generator emits any",
      );
    }

    for (const [index, file] of files.entries()) {
      const result = await promtoolCheck(file, work, index);

      expect(
        result.code,
        `${file.source}:\n${result.stdout}${result.stderr}`,
      ).toBe(0);
    }
  });
});

describe.skipIf(skip)("promtool checks of the test harness", () => {
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "axion-promtool-harness-"));
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it("finds rules in a PrometheusRule and a ConfigMap", () => {
    const objects = [
      {
        file: "rule.yaml",
        object: {
          apiVersion: "monitoring.coreos.com/v1",
          kind: "PrometheusRule",
          metadata: { name: "synapse" },
          spec: RULE_GROUPS,
        },
      },
      {
        file: "configmap.yaml",
        object: {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "prometheus" },
          data: {
            "prometheus.yml": stringify({
              scrape_configs: [{ job_name: "synapse" }],
            }),
          },
        },
      },
    ];

    const found = findPrometheusFiles(objects);

    expect(found.map((file) => [file.kind, file.source])).toEqual([
      ["rules", "rule.yaml PrometheusRule/synapse.spec"],
      ["config", "configmap.yaml ConfigMap/prometheus.data.prometheus.yml"],
    ]);
  });

  it("reports a rule with an invalid expression", async () => {
    const broken = {
      groups: [
        {
          name: "synapse",
          rules: [{ alert: "SynapseDown", expr: "up{job= == 0" }],
        },
      ],
    };
    const [valid, invalid] = [RULE_GROUPS, broken].map((groups) => ({
      source: "test",
      kind: "rules" as const,
      text: stringify(groups),
    }));

    const accepted = await promtoolCheck(valid!, work, 100);
    const rejected = await promtoolCheck(invalid!, work, 101);

    expect(accepted.code, accepted.stderr).toBe(0);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain("parse error");
  });
});
