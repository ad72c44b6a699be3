/**
 * Building blocks of the component graph: how a workload and a flow are
 * written, and the pod label that most charts select on.
 */
import type { Endpoint, Flow, PortSpec, Workload } from "./graph.js";
import type { ResolvedStack } from "./resolve.js";

/** The graph while it is built. */
export interface GraphParts {
  workloads: Workload[];
  flows: Flow[];
}

/** The stack before its Secrets are listed, which the graph never reads. */
export type GraphStack = Omit<ResolvedStack, "secrets">;

/** The recommended label that names an application. */
export const NAME = "app.kubernetes.io/name";

/** Returns one TCP port. */
export const tcp = (port: number): PortSpec => ({ protocol: "TCP", port });

/** Returns one UDP port. */
export const udp = (port: number): PortSpec => ({ protocol: "UDP", port });

/** Returns the endpoint of a workload of the graph, by name. */
export const to = (name: string): Endpoint => ({ kind: "workload", name });

/** Workload fields of a component that talks to the Kubernetes API. */
export const API = { kubernetesApi: true };

/** The ingress controller in front of every web component. */
export const INGRESS: Endpoint = { kind: "ingress-controller" };

/** Builds a workload under Pod Security `restricted` by default. */
export function workload(
  name: string,
  namespace: string,
  selector: Record<string, string>,
  extra: Partial<Workload> = {},
): Workload {
  return {
    name,
    namespace,
    selector,
    podSecurity: "restricted",
    hostNetwork: false,
    kubernetesApi: false,
    ...extra,
  };
}

/** Returns a function that adds one flow to the graph being built. */
export function flowAdder(parts: GraphParts) {
  return (from: Endpoint, dest: Endpoint, ports: PortSpec[], purpose: string) =>
    parts.flows.push({ from, to: dest, ports, purpose });
}
