/**
 * CloudNativePG, coturn, Authentik and the monitoring agents in the
 * component graph. Pod labels are the ones their charts set.
 */
import { HOST_ACCESS_NAMESPACES } from "./defaults.js";
import {
  ANY_ADDRESS,
  INGRESS_CONTROLLER_PORTS,
  type PortSpec,
  urlEndpoint,
  type Workload,
} from "./graph.js";
import {
  API,
  flowAdder,
  type GraphParts,
  type GraphStack as Stack,
  INGRESS,
  NAME,
  tcp,
  to,
  udp,
  workload,
} from "./graph-parts.js";

function hostAccess(description: string): Partial<Workload> {
  return {
    podSecurity: "privileged",
    hostAccess: description,
    hostNetwork: true,
  };
}

function authentikWorkloads(stack: Stack): Workload[] {
  const ns = stack.authentik.namespace;
  const pods = (component: string) => ({
    [NAME]: "authentik",
    "app.kubernetes.io/component": component,
  });
  return [
    workload("authentik-server", ns, pods("server")),
    workload("authentik-worker", ns, pods("worker"), API),
    workload("authentik-postgresql", ns, { [NAME]: "postgresql" }),
  ];
}

function monitoringWorkloads(stack: Stack): Workload[] {
  const { namespace, kubeStateMetrics, nodeExporter } = stack.monitoring;
  const workloads = [workload("alloy", namespace, { [NAME]: "alloy" }, API)];
  if (kubeStateMetrics.enabled) {
    const pods = { [NAME]: "kube-state-metrics" };
    workloads.push(workload("kube-state-metrics", namespace, pods, API));
  }
  if (nodeExporter.enabled) {
    const ns = HOST_ACCESS_NAMESPACES.nodeExporter;
    const pods = { [NAME]: "prometheus-node-exporter" };
    const needs = hostAccess("the host's network, PIDs and root filesystem");
    workloads.push(workload("node-exporter", ns, pods, needs));
  }
  return workloads;
}

/** Adds CloudNativePG, coturn, Authentik and the monitoring agents. */
export function platformWorkloads(stack: Stack, parts: GraphParts): void {
  const { monitoring, authentik, coturn, postgres } = stack;
  const add = (...workloads: Workload[]) => parts.workloads.push(...workloads);

  if (postgres.clusterEnabled) {
    const operator = { [NAME]: "cloudnative-pg" };
    add(workload("cloudnative-pg", "cnpg-system", operator, API));
  }
  // The barman-cloud plugin runs only for backups, its one user.
  if (postgres.clusterEnabled && stack.backups !== undefined) {
    const plugin = { [NAME]: "plugin-barman-cloud" };
    add(workload("plugin-barman-cloud", "cnpg-system", plugin, API));
  }
  if (coturn.enabled) {
    const ns = HOST_ACCESS_NAMESPACES.coturn;
    const needs = hostAccess("the host network, for its relay port range");
    add(workload("coturn", ns, { [NAME]: "coturn" }, needs));
  }
  if (authentik.enabled) {
    add(...authentikWorkloads(stack));
  }
  if (monitoring.enabled) {
    add(...monitoringWorkloads(stack));
  }
}

/** Adds the flows of CloudNativePG, coturn, Authentik and monitoring. */
export function platformEndpoints(stack: Stack, parts: GraphParts): void {
  const addFlow = flowAdder(parts);
  const operator = to("cloudnative-pg");

  addFlow(
    { kind: "kubernetes-api" },
    operator,
    [tcp(9443)],
    "admission webhooks",
  );
  if (stack.backups !== undefined) {
    addFlow(
      operator,
      to("plugin-barman-cloud"),
      [tcp(9090)],
      "the operator calls the plugin over mTLS",
    );
  }
  coturnFlows(stack, parts);
  authentikFlows(stack, parts);
  monitoringFlows(stack, parts);
}

function coturnFlows(stack: Stack, parts: GraphParts): void {
  const addFlow = flowAdder(parts);
  const { port, tlsPort, relayPortRange } = stack.coturn;
  const relay: PortSpec = {
    protocol: "UDP",
    port: relayPortRange.start,
    endPort: relayPortRange.end,
  };

  addFlow(
    ANY_ADDRESS,
    to("coturn"),
    [udp(port), tcp(port), tcp(tlsPort), udp(tlsPort), relay],
    "TURN clients and relayed media",
  );
  addFlow(
    to("coturn"),
    ANY_ADDRESS,
    [relay, { protocol: "UDP", port: 1, endPort: 65535 }],
    "relayed media to peers",
  );
}

function authentikFlows(stack: Stack, parts: GraphParts): void {
  const addFlow = flowAdder(parts);
  const mas = to("matrix-authentication-service");
  const server = to("authentik-server");

  addFlow(
    INGRESS,
    server,
    [tcp(9000)],
    "Authentik's web interface and OIDC endpoints",
  );
  addFlow(
    server,
    to("authentik-postgresql"),
    [tcp(5432)],
    "Authentik's database",
  );
  addFlow(
    to("authentik-worker"),
    to("authentik-postgresql"),
    [tcp(5432)],
    "Authentik's database",
  );
  if (stack.sso.enabled) {
    addFlow(mas, server, [tcp(9000)], "MAS reaches Authentik in the cluster");
    addFlow(
      mas,
      INGRESS,
      INGRESS_CONTROLLER_PORTS,
      "MAS reaches Authentik through its public host",
    );
    const ip = stack.cluster.publicIP;
    if (ip !== undefined && /^[0-9.]+$/.test(ip)) {
      addFlow(
        mas,
        { kind: "cidr", cidr: `${ip}/32` },
        [tcp(443)],
        "Authentik's public host before NAT",
      );
    }
  }
}

function monitoringFlows(stack: Stack, parts: GraphParts): void {
  const addFlow = flowAdder(parts);
  const alloy = to("alloy");
  const { prometheusUrl, lokiUrl } = stack.monitoring;

  addFlow(alloy, to("synapse"), [tcp(9001)], "Synapse metrics");
  addFlow(alloy, to("haproxy"), [tcp(8405)], "HAProxy metrics");
  addFlow(alloy, to("matrix-rtc-sfu"), [tcp(6789)], "SFU metrics");
  addFlow(
    alloy,
    to("matrix-authentication-service"),
    [tcp(8081)],
    "MAS metrics",
  );
  addFlow(alloy, to("authentik-server"), [tcp(9300)], "Authentik metrics");
  addFlow(alloy, to("authentik-worker"), [tcp(9300)], "Authentik metrics");
  addFlow(alloy, to("kube-state-metrics"), [tcp(8080)], "object metrics");
  // NOTE: The node exporter listens on the node's address. CNIs that
  // leave host-network pods out of podSelector peers then block this
  // flow; it needs an ipBlock with the node's address there.
  addFlow(alloy, to("node-exporter"), [tcp(9100)], "node metrics");
  // Alloy scrapes every pod port named "metrics" in the ESS namespace,
  // which includes the PostgreSQL exporters of both databases.
  addFlow(alloy, to("postgres"), [tcp(9187)], "PostgreSQL metrics");
  addFlow(alloy, to("ess-postgres"), [tcp(9187)], "PostgreSQL metrics");
  for (const url of [prometheusUrl, lokiUrl]) {
    if (url !== undefined) {
      const target = urlEndpoint(url);
      addFlow(alloy, target.endpoint, [target.port], `remote write to ${url}`);
    }
  }
}
