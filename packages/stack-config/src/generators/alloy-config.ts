/**
 * The Alloy configuration of the stack: scrape kube-state-metrics, the node
 * exporter, the ESS components and Authentik, read every pod's logs through
 * the Kubernetes API, and ship metrics to Prometheus and logs to Loki.
 */
import { HOST_ACCESS_NAMESPACES } from "../config/defaults.js";
import type { ResolvedStack } from "../config/resolve.js";
import {
  type AlloyBlock,
  type AlloyValue,
  formatAlloyConfig,
  ref,
} from "./alloy-syntax.js";

/** Release of kube-state-metrics. Its Service has the same name. */
export const KUBE_STATE_METRICS_RELEASE = "kube-state-metrics";

/** HTTP port of the kube-state-metrics Service (chart default). */
const KUBE_STATE_METRICS_PORT = 8080;

/** Release of the node exporter, and the name label of its pods. */
export const NODE_EXPORTER_RELEASE = "prometheus-node-exporter";

/**
 * Container ports that serve `/metrics` in the ESS chart (26.4.0 and
 * 26.8.1): Synapse, HAProxy, the LiveKit SFU and hookshot (`metrics`), and
 * MAS (`internal`).
 */
const ESS_METRICS_PORTS = [
  "synapse-metrics",
  "haproxy-metrics",
  "metrics",
  "internal",
];

/** Container port of Authentik's server and worker that serves `/metrics`. */
const AUTHENTIK_METRICS_PORTS = ["metrics"];

const METRICS_RECEIVER = ref("prometheus.remote_write.default.receiver");
const LOGS_RECEIVER = ref("loki.write.default.receiver");

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function requireUrl(url: string | undefined, key: string): string {
  if (url === undefined) {
    throw new Error(
      `monitoring.${key} is missing: set it to the base URL of the ` +
        "server that receives the data, or set monitoring.enabled to false",
    );
  }
  return trimSlash(url);
}

/** Copies a discovery label into a target label. */
function copyLabel(source: string, target: string): AlloyBlock {
  return {
    name: "rule",
    attributes: { source_labels: [source], target_label: target },
  };
}

/** Keeps targets whose label matches the regular expression. */
function keepMatching(source: string, regex: string): AlloyBlock {
  return {
    name: "rule",
    attributes: { source_labels: [source], regex, action: "keep" },
  };
}

/** Labels every pod target gets, for both metrics and logs. */
const POD_LABELS: AlloyBlock[] = [
  copyLabel("__meta_kubernetes_namespace", "namespace"),
  copyLabel("__meta_kubernetes_pod_name", "pod"),
  copyLabel("__meta_kubernetes_pod_container_name", "container"),
  copyLabel("__meta_kubernetes_pod_label_app_kubernetes_io_name", "app"),
];

function writers(stack: ResolvedStack): AlloyBlock[] {
  const { monitoring } = stack;
  const externalLabels = { cluster: stack.cluster.name };
  const prometheus = requireUrl(monitoring.prometheusUrl, "prometheusUrl");
  const loki = requireUrl(monitoring.lokiUrl, "lokiUrl");

  return [
    {
      name: "prometheus.remote_write",
      label: "default",
      attributes: { external_labels: externalLabels },
      blocks: [
        { name: "endpoint", attributes: { url: `${prometheus}/api/v1/write` } },
      ],
    },
    {
      name: "loki.write",
      label: "default",
      attributes: { external_labels: externalLabels },
      blocks: [
        { name: "endpoint", attributes: { url: `${loki}/loki/api/v1/push` } },
      ],
    },
  ];
}

/** Discovers pods, optionally in one namespace with a label selector. */
function podDiscovery(
  label: string,
  namespace?: string,
  selector?: string,
): AlloyBlock {
  const blocks: AlloyBlock[] = [];
  if (namespace !== undefined) {
    blocks.push({ name: "namespaces", attributes: { names: [namespace] } });
  }
  if (selector !== undefined) {
    blocks.push({
      name: "selectors",
      attributes: { role: "pod", label: selector },
    });
  }
  return {
    name: "discovery.kubernetes",
    label,
    attributes: { role: "pod" },
    blocks,
  };
}

function scrape(
  label: string,
  job: string,
  targets: Record<string, AlloyValue>,
): AlloyBlock {
  return {
    name: "prometheus.scrape",
    label,
    attributes: { ...targets, job_name: job, forward_to: [METRICS_RECEIVER] },
  };
}

/** Scrapes the kube-state-metrics Service by its cluster DNS name. */
function kubeStateMetrics(stack: ResolvedStack): AlloyBlock[] {
  const { namespace } = stack.monitoring;
  const service = `${KUBE_STATE_METRICS_RELEASE}.${namespace}.svc`;
  const target = { __address__: `${service}:${KUBE_STATE_METRICS_PORT}` };
  const block = scrape("kube_state_metrics", "kube-state-metrics", {
    targets: [target],
  });

  // kube-state-metrics sets `namespace` and `pod` to the objects it
  // describes, and honouring them keeps them from becoming `exported_*`.
  block.attributes = { ...block.attributes, honor_labels: true };
  return [block];
}

/** Scrapes the node exporter pod of every node, labelled by node name. */
function nodeExporter(): AlloyBlock[] {
  return [
    podDiscovery(
      "node_exporter",
      HOST_ACCESS_NAMESPACES.nodeExporter,
      `app.kubernetes.io/name=${NODE_EXPORTER_RELEASE}`,
    ),
    {
      name: "discovery.relabel",
      label: "node_exporter",
      attributes: {
        targets: ref("discovery.kubernetes.node_exporter.targets"),
      },
      blocks: [
        keepMatching("__meta_kubernetes_pod_container_port_name", "metrics"),
        copyLabel("__meta_kubernetes_pod_node_name", "instance"),
      ],
    },
    scrape("node_exporter", "node-exporter", {
      targets: ref("discovery.relabel.node_exporter.output"),
    }),
  ];
}

/**
 * Scrapes every running pod of one namespace on the container ports named
 * in `portNames`, under the component label and job `name`.
 */
function podMetrics(
  name: string,
  namespace: string,
  portNames: string[],
): AlloyBlock[] {
  return [
    podDiscovery(name, namespace),
    {
      name: "discovery.relabel",
      label: name,
      attributes: { targets: ref(`discovery.kubernetes.${name}.targets`) },
      blocks: [
        keepMatching(
          "__meta_kubernetes_pod_container_port_name",
          portNames.join("|"),
        ),
        keepMatching("__meta_kubernetes_pod_phase", "Running"),
        ...POD_LABELS,
      ],
    },
    scrape(name, name, { targets: ref(`discovery.relabel.${name}.output`) }),
  ];
}

/**
 * Tails every pod's logs through the Kubernetes API, which needs no
 * hostPath mount, so the monitoring namespace stays `restricted`.
 */
function podLogs(): AlloyBlock[] {
  return [
    podDiscovery("pods"),
    {
      name: "discovery.relabel",
      label: "pod_logs",
      attributes: { targets: ref("discovery.kubernetes.pods.targets") },
      blocks: [
        // Pod discovery yields one target per container port. Without the
        // port labels those targets are equal, so each container is tailed
        // once instead of once per port.
        {
          name: "rule",
          attributes: {
            action: "labeldrop",
            regex: "__meta_kubernetes_pod_container_port_.*",
          },
        },
        ...POD_LABELS,
      ],
    },
    {
      name: "loki.source.kubernetes",
      label: "pods",
      attributes: {
        targets: ref("discovery.relabel.pod_logs.output"),
        forward_to: [LOGS_RECEIVER],
      },
    },
  ];
}

/** Builds the Alloy components of the stack, writers first. */
export function alloyConfigBlocks(stack: ResolvedStack): AlloyBlock[] {
  const { monitoring } = stack;
  return [
    ...writers(stack),
    ...(monitoring.kubeStateMetrics.enabled ? kubeStateMetrics(stack) : []),
    ...(monitoring.nodeExporter.enabled ? nodeExporter() : []),
    ...podMetrics("ess", stack.ess.namespace, ESS_METRICS_PORTS),
    ...(stack.authentik.enabled
      ? podMetrics(
          "authentik",
          stack.authentik.namespace,
          AUTHENTIK_METRICS_PORTS,
        )
      : []),
    ...podLogs(),
  ];
}

/**
 * Renders the Alloy configuration text. Throws when `prometheusUrl` or
 * `lokiUrl` is missing, which config validation reports first.
 */
export function renderAlloyConfig(stack: ResolvedStack): string {
  return formatAlloyConfig(alloyConfigBlocks(stack));
}
