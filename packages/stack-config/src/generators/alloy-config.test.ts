import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { alloyConfigBlocks, renderAlloyConfig } from "./alloy-config.js";

function stackWith(monitoring: StackConfig["monitoring"] = {}) {
  return resolveStack({
    serverName: "example.org",
    cluster: { name: "lab" },
    monitoring: {
      prometheusUrl: "http://prometheus.example:9090/",
      lokiUrl: "http://loki.example:3100",
      ...monitoring,
    },
  });
}

function componentNames(monitoring: StackConfig["monitoring"] = {}) {
  return alloyConfigBlocks(stackWith(monitoring)).map(
    (block) => `${block.name}.${block.label ?? ""}`,
  );
}

describe("renderAlloyConfig", () => {
  it("remote-writes to the Prometheus URL", () => {
    const text = renderAlloyConfig(stackWith());

    expect(text).toContain(
      'url = "http://prometheus.example:9090/api/v1/write"',
    );
  });

  it("pushes logs to the Loki URL", () => {
    const text = renderAlloyConfig(stackWith());

    expect(text).toContain('url = "http://loki.example:3100/loki/api/v1/push"');
  });

  it("labels everything with the cluster name", () => {
    const text = renderAlloyConfig(stackWith());

    expect(text.match(/cluster = "lab",/g)).toHaveLength(2);
  });

  it("scrapes kube-state-metrics by Service name", () => {
    const text = renderAlloyConfig(stackWith({ namespace: "observability" }));

    expect(text).toContain(
      '__address__ = "kube-state-metrics.observability.svc:8080"',
    );
    expect(text).toContain("honor_labels = true");
  });

  it("finds node exporters in their namespace", () => {
    const text = renderAlloyConfig(stackWith());

    expect(text).toContain('names = ["monitoring-host"]');
    expect(text).toContain(
      'label = "app.kubernetes.io/name=prometheus-node-exporter"',
    );
  });

  it("keeps only ESS metrics ports", () => {
    const text = renderAlloyConfig(stackWith());

    expect(text).toContain('names = ["matrix"]');
    expect(text).toContain(
      'regex = "synapse-metrics|haproxy-metrics|metrics|internal"',
    );
  });

  it("tails pod logs through the API", () => {
    const text = renderAlloyConfig(stackWith());

    expect(text).toContain('loki.source.kubernetes "pods" {');
    expect(text).toContain("forward_to = [loki.write.default.receiver]");
    expect(text).not.toContain("loki.source.file");
  });

  it("tails each container once, not per port", () => {
    const text = renderAlloyConfig(stackWith());
    const podLogs = text.slice(text.indexOf('discovery.relabel "pod_logs"'));

    expect(podLogs).toContain('action = "labeldrop"');
    expect(podLogs).toContain(
      'regex = "__meta_kubernetes_pod_container_port_.*"',
    );
  });

  it("contains no Helm template delimiters", () => {
    expect(renderAlloyConfig(stackWith())).not.toContain("{{");
  });

  it("throws without a Prometheus URL", () => {
    const stack = resolveStack({
      serverName: "example.org",
      monitoring: { lokiUrl: "http://loki.example:3100" },
    });

    expect(() => renderAlloyConfig(stack)).toThrow(
      "monitoring.prometheusUrl is missing",
    );
  });
});

describe("alloyConfigBlocks", () => {
  it("lists every component when all agents run", () => {
    expect(componentNames()).toEqual([
      "prometheus.remote_write.default",
      "loki.write.default",
      "prometheus.scrape.kube_state_metrics",
      "discovery.kubernetes.node_exporter",
      "discovery.relabel.node_exporter",
      "prometheus.scrape.node_exporter",
      "discovery.kubernetes.ess",
      "discovery.relabel.ess",
      "prometheus.scrape.ess",
      "discovery.kubernetes.authentik",
      "discovery.relabel.authentik",
      "prometheus.scrape.authentik",
      "discovery.kubernetes.pods",
      "discovery.relabel.pod_logs",
      "loki.source.kubernetes.pods",
    ]);
  });

  it("scrapes Authentik only when it runs", () => {
    const stack = resolveStack({
      serverName: "example.org",
      authentik: { enabled: false },
      monitoring: {
        prometheusUrl: "http://prometheus.example:9090",
        lokiUrl: "http://loki.example:3100",
      },
    });
    const names = alloyConfigBlocks(stack).map((block) => block.label);

    expect(componentNames()).toContain("prometheus.scrape.authentik");
    expect(names).not.toContain("authentik");
  });

  it("skips agents that are off", () => {
    const names = componentNames({
      kubeStateMetrics: { enabled: false },
      nodeExporter: { enabled: false },
    });

    expect(names.some((name) => name.includes("kube_state"))).toBe(false);
    expect(names.some((name) => name.includes("node_exporter"))).toBe(false);
  });
});
