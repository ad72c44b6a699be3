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

/** Adds CloudNativePG, coturn, Authentik and the monitoring agents. */
export function platformWorkloads(stack: Stack, parts: GraphParts): void {
  const add = (w: Workload) => parts.workloads.push(w);
  const { monitoring, authentik, coturn, postgres } = stack;
  const api = { kubernetesApi: true };

  if (postgres.clusterEnabled) {
    add(
      workload(
        "cloudnative-pg",
        "cnpg-system",
        { [NAME]: "cloudnative-pg" },
        api,
      ),
    );
    add(
      workload(
        "plugin-barman-cloud",
        "cnpg-system",
        { [NAME]: "plugin-barman-cloud" },
        api,
      ),
    );
  }
  if (coturn.enabled) {
    add(
      workload(
        "coturn",
        HOST_ACCESS_NAMESPACES.coturn,
        { [NAME]: "coturn" },
        {
          podSecurity: "privileged",
          hostAccess: "the host network, for its relay port range",
          hostNetwork: true,
        },
      ),
    );
  }
  if (authentik.enabled) {
    const ns = authentik.namespace;
    const component = "app.kubernetes.io/component";
    add(
      workload("authentik-server", ns, {
        [NAME]: "authentik",
        [component]: "server",
      }),
    );
    add(
      workload(
        "authentik-worker",
        ns,
        { [NAME]: "authentik", [component]: "worker" },
        api,
      ),
    );
    add(workload("authentik-postgresql", ns, { [NAME]: "postgresql" }));
  }
  if (monitoring.enabled) {
    add(workload("alloy", monitoring.namespace, { [NAME]: "alloy" }, api));
    if (monitoring.kubeStateMetrics.enabled) {
      add(
        workload(
          "kube-state-metrics",
          monitoring.namespace,
          { [NAME]: "kube-state-metrics" },
          api,
        ),
      );
    }
    if (monitoring.nodeExporter.enabled) {
      add(
        workload(
          "node-exporter",
          HOST_ACCESS_NAMESPACES.nodeExporter,
          { [NAME]: "prometheus-node-exporter" },
          {
            podSecurity: "privileged",
            hostAccess: "the host's network, PIDs and root filesystem",
            hostNetwork: true,
          },
        ),
      );
    }
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
  addFlow(
    operator,
    to("plugin-barman-cloud"),
    [tcp(9090)],
    "the operator calls the plugin over mTLS",
  );
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
  addFlow(alloy, to("node-exporter"), [tcp(9100)], "node metrics");
  for (const url of [prometheusUrl, lokiUrl]) {
    if (url !== undefined) {
      const target = urlEndpoint(url);
      addFlow(alloy, target.endpoint, [target.port], `remote write to ${url}`);
    }
  }
}
