/**
 * Monitoring agents: Grafana Alloy and kube-state-metrics in
 * `monitoring.namespace` under Pod Security `restricted`, and the node
 * exporter in its own `privileged` namespace because it needs host access.
 * They live in the infrastructure layer, so they run before the apps.
 */
import { HOST_ACCESS_NAMESPACES } from "../config/defaults.js";
import type { ResolvedStack } from "../config/resolve.js";
import { namespaceManifest } from "../flux/namespaces.js";
import { helmRelease, valuesConfigMap } from "../flux/resources.js";
import { type HelmRepositoryName, helmChartSource } from "../flux/sources.js";
import { ALLOY_RELEASE, alloyValues } from "./alloy.js";
import {
  KUBE_STATE_METRICS_RELEASE,
  NODE_EXPORTER_RELEASE,
} from "./alloy-config.js";
import { kubeStateMetricsValues } from "./kube-state-metrics.js";
import { nodeExporterValues } from "./node-exporter.js";
import type { Generator, JsonObject, Manifest } from "./types.js";

/** Folder of the monitoring agents in the tree. */
export const MONITORING_DIR = "infrastructure/monitoring";

/** One chart release of a monitoring agent. */
interface AgentRelease {
  /** Subfolder under `MONITORING_DIR`. */
  folder: string;
  release: string;
  namespace: string;
  repository: HelmRepositoryName;
  chart: string;
  version: string;
  values: object;
}

function agentManifests(stack: ResolvedStack, agent: AgentRelease): Manifest[] {
  const source = helmChartSource(
    stack,
    agent.repository,
    agent.chart,
    agent.version,
  );
  const configMapName = `${agent.release}-values`;
  const dir = `${MONITORING_DIR}/${agent.folder}`;

  const configMap = valuesConfigMap({
    name: configMapName,
    namespace: agent.namespace,
    values: agent.values as JsonObject,
  });
  const release = helmRelease({
    name: agent.release,
    namespace: agent.namespace,
    interval: stack.flux.interval,
    source: source.ref,
    valuesFrom: [{ kind: "ConfigMap", name: configMapName }],
  });

  return [
    source.manifest,
    { path: `${dir}/values.yaml`, document: configMap },
    { path: `${dir}/helmrelease.yaml`, document: release },
  ];
}

/** Lists the agent releases that the stack switches on. */
export function monitoringAgents(stack: ResolvedStack): AgentRelease[] {
  const { monitoring } = stack;
  const agents: AgentRelease[] = [
    {
      folder: "alloy",
      release: ALLOY_RELEASE,
      namespace: monitoring.namespace,
      repository: "grafana",
      chart: "alloy",
      version: monitoring.chartVersions.alloy,
      values: alloyValues(stack),
    },
  ];
  if (monitoring.kubeStateMetrics.enabled) {
    agents.push({
      folder: "kube-state-metrics",
      release: KUBE_STATE_METRICS_RELEASE,
      namespace: monitoring.namespace,
      repository: "prometheus-community",
      chart: "kube-state-metrics",
      version: monitoring.chartVersions.kubeStateMetrics,
      values: kubeStateMetricsValues(),
    });
  }
  if (monitoring.nodeExporter.enabled) {
    agents.push({
      folder: "node-exporter",
      release: NODE_EXPORTER_RELEASE,
      namespace: HOST_ACCESS_NAMESPACES.nodeExporter,
      repository: "prometheus-community",
      chart: "prometheus-node-exporter",
      version: monitoring.chartVersions.nodeExporter,
      values: nodeExporterValues(),
    });
  }
  return agents;
}

/**
 * Renders the monitoring agents: their namespaces, chart sources, values
 * ConfigMaps and HelmReleases.
 */
export const generateMonitoring: Generator = (stack) => {
  if (!stack.monitoring.enabled) {
    return [];
  }
  const agents = monitoringAgents(stack);
  const namespaces = [
    namespaceManifest(stack.monitoring.namespace, "restricted"),
  ];
  if (stack.monitoring.nodeExporter.enabled) {
    namespaces.push(
      namespaceManifest(HOST_ACCESS_NAMESPACES.nodeExporter, "privileged"),
    );
  }
  return [
    ...namespaces,
    ...agents.flatMap((agent) => agentManifests(stack, agent)),
  ];
};
