/**
 * The component graph: every workload the stack runs, the labels its pods
 * carry, and each network flow between workloads and the outside world.
 * NetworkPolicies and Pod Security levels are drawn from it, so a
 * component added here gets its rules without anyone writing them.
 */
import { HOST_ACCESS_NAMESPACES } from "./defaults.js";
import { essEndpoints, essWorkloads } from "./graph-ess.js";
import type { GraphParts } from "./graph-parts.js";
import { platformEndpoints, platformWorkloads } from "./graph-platform.js";
import type { ResolvedStack } from "./resolve.js";

/** Transport protocols that NetworkPolicies name. */
export type Protocol = "TCP" | "UDP";

/** One port or a closed range of ports. */
export interface PortSpec {
  protocol: Protocol;
  port: number;
  /** Last port of a range, included. */
  endPort?: number;
}

/** Pod Security Admission levels, from the most restrictive. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** One workload: the pods that share a label selector in a namespace. */
export interface Workload {
  name: string;
  namespace: string;
  /** Labels that every pod of the workload carries. */
  selector: Record<string, string>;
  /** Pod Security level the pods need. */
  podSecurity: PodSecurityLevel;
  /** The host access the pods need, such as the host network. */
  hostAccess?: string;
  /**
   * The pods share the node's network namespace. NetworkPolicies do not
   * apply to such pods; the node's firewall must guard their ports.
   */
  hostNetwork: boolean;
  /** The pods call the Kubernetes API, so they need a token and a route. */
  kubernetesApi: boolean;
}

/** An address range outside the cluster's pods. */
export interface CidrEndpoint {
  kind: "cidr";
  cidr: string;
  except?: string[];
}

/** One end of a flow. */
export type Endpoint =
  | { kind: "workload"; name: string }
  /** Traefik, the ingress controller that K3S runs in `kube-system`. */
  | { kind: "ingress-controller" }
  /** The Kubernetes API server, at `network.apiServerCIDRs`. */
  | { kind: "kubernetes-api" }
  | CidrEndpoint;

/** A connection that the stack needs, opened by `from`. */
export interface Flow {
  from: Endpoint;
  to: Endpoint;
  ports: PortSpec[];
  /** The reason for the flow, for readers of the graph. */
  purpose: string;
}

/** Every workload and flow of a stack. */
export interface ComponentGraph {
  workloads: Workload[];
  flows: Flow[];
}

/** Ranges that are never the public Internet. */
export const PRIVATE_RANGES = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "169.254.0.0/16",
  "127.0.0.0/8",
];

// NOTE: Every ipBlock is IPv4. On a dual-stack cluster the default deny
// also blocks IPv6 egress, so federation to IPv6-only servers fails.
/** The public IPv4 Internet, without private and shared ranges. */
export const INTERNET: CidrEndpoint = {
  kind: "cidr",
  cidr: "0.0.0.0/0",
  except: PRIVATE_RANGES,
};

/** Any IPv4 address, private ones included. */
export const ANY_ADDRESS: CidrEndpoint = { kind: "cidr", cidr: "0.0.0.0/0" };

/** Ports of the Kubernetes API: the Service port and K3S's server port. */
export const KUBERNETES_API_PORTS: PortSpec[] = [
  { protocol: "TCP", port: 443 },
  { protocol: "TCP", port: 6443 },
];

/** Traefik's container ports behind the `web` and `websecure` entrypoints. */
export const INGRESS_CONTROLLER_PORTS: PortSpec[] = [
  { protocol: "TCP", port: 8000 },
  { protocol: "TCP", port: 8443 },
];

/**
 * Returns the endpoint of a URL's host: the address itself when the host
 * is an IPv4 literal, else any address, because DNS may resolve it to a
 * private one.
 */
export function urlEndpoint(url: string): {
  endpoint: CidrEndpoint;
  port: PortSpec;
} {
  const parsed = new URL(url);
  const isIp = /^[0-9]+(\.[0-9]+){3}$/.test(parsed.hostname);
  const defaultPort = parsed.protocol === "https:" ? 443 : 80;
  const port = parsed.port === "" ? defaultPort : Number(parsed.port);
  return {
    endpoint: isIp
      ? { kind: "cidr", cidr: `${parsed.hostname}/32` }
      : ANY_ADDRESS,
    port: { protocol: "TCP", port },
  };
}

/** Options of the graph besides the stack. */
export interface GraphOptions {
  /** Add the restore drill's cluster and check job. */
  restoreDrill?: boolean;
}

/** Adds the flows every workload with `kubernetesApi` needs. */
function apiFlows(workloads: Workload[]): Flow[] {
  return workloads
    .filter((workload) => workload.kubernetesApi)
    .map((workload) => ({
      from: { kind: "workload", name: workload.name },
      to: { kind: "kubernetes-api" },
      ports: KUBERNETES_API_PORTS,
      purpose: `${workload.name} reads and writes Kubernetes objects`,
    }));
}

/**
 * Builds the component graph of a resolved stack. DNS is left out: every
 * managed namespace allows it to kube-dns for all its pods.
 */
export function componentGraph(
  stack: Omit<ResolvedStack, "secrets">,
  options: GraphOptions = {},
): ComponentGraph {
  const parts: GraphParts = { workloads: [], flows: [] };
  essWorkloads(stack, parts, options);
  platformWorkloads(stack, parts);
  essEndpoints(stack, parts, options);
  platformEndpoints(stack, parts);

  const names = new Set(parts.workloads.map((workload) => workload.name));
  const flows = parts.flows.filter((flow) =>
    [flow.from, flow.to].every(
      (end) => end.kind !== "workload" || names.has(end.name),
    ),
  );
  return {
    workloads: parts.workloads,
    flows: [...flows, ...apiFlows(parts.workloads)],
  };
}

/** Returns the namespaces the graph's workloads run in, sorted. */
export function graphNamespaces(graph: ComponentGraph): string[] {
  return [...new Set(graph.workloads.map((w) => w.namespace))].sort();
}

/** Namespaces whose pods need host access, by the workload that needs it. */
export const HOST_ACCESS_WORKLOADS: Record<string, string> = {
  coturn: HOST_ACCESS_NAMESPACES.coturn,
  "node-exporter": HOST_ACCESS_NAMESPACES.nodeExporter,
};
