import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { alloyValues } from "./alloy.js";
import { generateMonitoring } from "./monitoring.js";
import type { JsonObject, Manifest } from "./types.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  const { monitoring, ...rest } = overrides;
  return resolveStack({
    serverName: "example.org",
    ...rest,
    monitoring: {
      prometheusUrl: "http://prometheus.example:9090",
      lokiUrl: "http://loki.example:3100",
      ...monitoring,
    },
  });
}

function documentAt(manifests: Manifest[], path: string): JsonObject {
  const manifest = manifests.find((entry) => entry.path === path);
  if (manifest === undefined || !("document" in manifest)) {
    throw new Error(`no document at ${path}`);
  }
  return manifest.document;
}

function enforcedLevel(document: JsonObject): unknown {
  const metadata = document.metadata as JsonObject;
  const labels = metadata.labels as JsonObject;
  return labels["pod-security.kubernetes.io/enforce"];
}

describe("generateMonitoring", () => {
  it("emits nothing when disabled", () => {
    const stack = stackWith({ monitoring: { enabled: false } });

    expect(generateMonitoring(stack)).toEqual([]);
  });

  it("emits every agent's release", () => {
    const paths = generateMonitoring(stackWith()).map((entry) => entry.path);

    expect(paths).toEqual([
      "infrastructure/namespaces/monitoring.yaml",
      "infrastructure/namespaces/monitoring-host.yaml",
      "infrastructure/sources/grafana.yaml",
      "infrastructure/monitoring/alloy/values.yaml",
      "infrastructure/monitoring/alloy/helmrelease.yaml",
      "infrastructure/sources/prometheus-community.yaml",
      "infrastructure/monitoring/kube-state-metrics/values.yaml",
      "infrastructure/monitoring/kube-state-metrics/helmrelease.yaml",
      "infrastructure/sources/prometheus-community.yaml",
      "infrastructure/monitoring/node-exporter/values.yaml",
      "infrastructure/monitoring/node-exporter/helmrelease.yaml",
    ]);
  });

  it("limits privileged to the node exporter", () => {
    const manifests = generateMonitoring(stackWith());

    expect(
      enforcedLevel(
        documentAt(manifests, "infrastructure/namespaces/monitoring.yaml"),
      ),
    ).toBe("restricted");
    expect(
      enforcedLevel(
        documentAt(manifests, "infrastructure/namespaces/monitoring-host.yaml"),
      ),
    ).toBe("privileged");
  });

  it("omits switched-off agents and their namespace", () => {
    const stack = stackWith({
      monitoring: {
        kubeStateMetrics: { enabled: false },
        nodeExporter: { enabled: false },
      },
    });
    const paths = generateMonitoring(stack).map((entry) => entry.path);

    expect(paths.some((path) => path.includes("node-exporter"))).toBe(false);
    expect(paths.some((path) => path.includes("kube-state-metrics"))).toBe(
      false,
    );
    expect(paths).not.toContain(
      "infrastructure/namespaces/monitoring-host.yaml",
    );
  });

  it.each([
    ["alloy", "monitoring", "alloy", "1.11.1"],
    ["kube-state-metrics", "monitoring", "kube-state-metrics", "8.4.0"],
    ["node-exporter", "monitoring-host", "prometheus-node-exporter", "4.56.1"],
  ])("%s: release reads its ConfigMap", (folder, namespace, chart, version) => {
    const manifests = generateMonitoring(stackWith());
    const release = documentAt(
      manifests,
      `infrastructure/monitoring/${folder}/helmrelease.yaml`,
    );
    const spec = release.spec as JsonObject;

    expect(release.metadata).toMatchObject({ namespace });
    expect(spec.chart).toMatchObject({ spec: { chart, version } });
    expect(spec.valuesFrom).toHaveLength(1);
    expect(spec.values).toBeUndefined();
  });

  it("stores Alloy's values in its ConfigMap", () => {
    const stack = stackWith();
    const configMap = documentAt(
      generateMonitoring(stack),
      "infrastructure/monitoring/alloy/values.yaml",
    );
    const data = configMap.data as Record<string, string>;

    expect(parse(data["values.yaml"] ?? "")).toEqual(alloyValues(stack));
  });
});

describe("alloyValues", () => {
  it("turns usage reporting off by default", () => {
    expect(alloyValues(stackWith()).alloy.enableReporting).toBe(false);
  });

  it("turns usage reporting on when opted in", () => {
    const stack = stackWith({ privacy: { alloyUsageReporting: true } });

    expect(alloyValues(stack).alloy.enableReporting).toBe(true);
  });

  it("mounts no host path", () => {
    const values = alloyValues(stackWith());

    expect(values.alloy.mounts.varlog).toBe(false);
    expect(values.alloy.mounts.dockercontainers).toBe(false);
    expect(JSON.stringify(values)).not.toContain("hostPath");
  });

  it("runs one Deployment replica as non-root", () => {
    const values = alloyValues(stackWith());

    expect(values.controller.type).toBe("deployment");
    expect(values.controller.replicas).toBe(1);
    expect(values.alloy.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 473,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
  });

  it("keeps its storage path on an emptyDir", () => {
    const values = alloyValues(stackWith());

    expect(values.alloy.storagePath).toBe("/tmp/alloy");
    expect(values.alloy.mounts.extra).toEqual([
      { name: "storage", mountPath: "/tmp/alloy" },
    ]);
    expect(values.controller.volumes.extra).toEqual([
      { name: "storage", emptyDir: {} },
    ]);
  });
});
