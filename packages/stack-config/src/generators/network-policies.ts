/**
 * NetworkPolicies drawn from the component graph. Every namespace that the
 * stack manages gets a default deny of ingress and egress and allows DNS
 * to kube-dns for all its pods. Each workload then gets one policy that
 * allows exactly the flows the graph lists into and out of its pods.
 */
import {
  type ComponentGraph,
  componentGraph,
  type Endpoint,
  type Flow,
  graphNamespaces,
  type GraphOptions,
  type PortSpec,
  type Workload,
} from "../config/graph.js";
import type { ResolvedStack } from "../config/resolve.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";
import type { Generator, JsonObject } from "./types.js";

/** Folder of the NetworkPolicies in the tree. */
export const NETWORK_POLICIES_DIR = "infrastructure/network-policies";

/** Label that Kubernetes sets on every namespace to its name. */
const NAMESPACE_NAME = "kubernetes.io/metadata.name";

/** The namespace and pod labels of K3S's Traefik and CoreDNS. */
const KUBE_SYSTEM = "kube-system";
const TRAEFIK = { "app.kubernetes.io/name": "traefik" };
const KUBE_DNS = { "k8s-app": "kube-dns" };

function policy(namespace: string, name: string, spec: JsonObject): JsonObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace, labels: { ...MANAGED_BY_LABELS } },
    spec,
  };
}

function inNamespace(namespace: string, pods: Record<string, string>) {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: namespace } },
    podSelector: { matchLabels: { ...pods } },
  };
}

function portsOf(ports: PortSpec[]): JsonObject[] {
  return ports.map((spec) => ({
    protocol: spec.protocol,
    port: spec.port,
    ...(spec.endPort === undefined ? {} : { endPort: spec.endPort }),
  }));
}

/** Returns the NetworkPolicy peers of one end of a flow. */
function peersOf(
  end: Endpoint,
  workloads: Map<string, Workload>,
  apiServerCIDRs: string[],
): JsonObject[] {
  switch (end.kind) {
    case "workload": {
      const target = workloads.get(end.name) as Workload;
      return [inNamespace(target.namespace, target.selector)];
    }
    case "ingress-controller":
      return [inNamespace(KUBE_SYSTEM, TRAEFIK)];
    case "kubernetes-api":
      return apiServerCIDRs.map((cidr) => ({ ipBlock: { cidr } }));
    case "cidr":
      return [
        {
          ipBlock: {
            cidr: end.cidr,
            ...(end.except ? { except: [...end.except] } : {}),
          },
        },
      ];
  }
}

function isWorkload(end: Endpoint, name: string): boolean {
  return end.kind === "workload" && end.name === name;
}

/** Builds the allow policy of one workload, or none when it has no flows. */
function workloadPolicy(
  workload: Workload,
  graph: ComponentGraph,
  apiServerCIDRs: string[],
): JsonObject | undefined {
  const byName = new Map(graph.workloads.map((w) => [w.name, w]));
  const rule = (peer: Endpoint, flow: Flow) => ({
    peers: peersOf(peer, byName, apiServerCIDRs),
    ports: portsOf(flow.ports),
  });
  const ingress = graph.flows
    .filter((flow) => isWorkload(flow.to, workload.name))
    .map((flow) => rule(flow.from, flow));
  const egress = graph.flows
    .filter((flow) => isWorkload(flow.from, workload.name))
    .map((flow) => rule(flow.to, flow));
  if (ingress.length === 0 && egress.length === 0) {
    return undefined;
  }

  return policy(workload.namespace, `allow-${workload.name}`, {
    podSelector: { matchLabels: { ...workload.selector } },
    policyTypes: [
      ...(ingress.length > 0 ? ["Ingress"] : []),
      ...(egress.length > 0 ? ["Egress"] : []),
    ],
    ...(ingress.length > 0
      ? { ingress: ingress.map((r) => ({ from: r.peers, ports: r.ports })) }
      : {}),
    ...(egress.length > 0
      ? { egress: egress.map((r) => ({ to: r.peers, ports: r.ports })) }
      : {}),
  });
}

/** Builds the default deny and the DNS allowance of one namespace. */
function namespacePolicies(namespace: string): JsonObject[] {
  const dns = portsOf([
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ]);
  return [
    policy(namespace, "default-deny", {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    }),
    policy(namespace, "allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [inNamespace(KUBE_SYSTEM, KUBE_DNS)], ports: dns }],
    }),
  ];
}

/** Returns the addresses the Kubernetes API is reached at. */
export function apiServerCIDRs(stack: ResolvedStack): string[] {
  // NOTE: Without network.apiServerCIDRs any address is allowed, on the
  // API ports only, because the node's address is not in the config.
  return stack.network.apiServerCIDRs ?? ["0.0.0.0/0"];
}

/** Renders the NetworkPolicies of a graph, one file per policy. */
export function networkPolicyManifests(
  stack: ResolvedStack,
  options: GraphOptions = {},
  dir = NETWORK_POLICIES_DIR,
): { path: string; document: JsonObject }[] {
  const graph = componentGraph(stack, options);
  const cidrs = apiServerCIDRs(stack);
  const documents: JsonObject[] =
    graphNamespaces(graph).flatMap(namespacePolicies);
  for (const workload of graph.workloads) {
    const document = workloadPolicy(workload, graph, cidrs);
    if (document !== undefined) {
      documents.push(document);
    }
  }
  return documents.map((document) => {
    const metadata = document.metadata as { name: string; namespace: string };
    return {
      path: `${dir}/${metadata.namespace}/${metadata.name}.yaml`,
      document,
    };
  });
}

/** Renders the NetworkPolicies of every namespace the stack manages. */
export const generateNetworkPolicies: Generator = (stack) =>
  networkPolicyManifests(stack);
