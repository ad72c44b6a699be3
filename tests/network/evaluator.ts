/**
 * A NetworkPolicy evaluator for the subset of `networking.k8s.io/v1` that
 * axion-stack emits: `podSelector` and `namespaceSelector` with
 * `matchLabels`, `ipBlock` with `except`, numeric ports with `endPort`,
 * protocols and `policyTypes`. Anything outside that subset throws, so a
 * new field in the generated policies cannot pass unevaluated.
 *
 * A connection is allowed when the source's egress and the destination's
 * ingress both allow it. A pod that no policy of a direction selects is
 * not isolated in that direction. An `ipBlock` is also matched against pod
 * IPs, which is the stricter reading: some CNIs do so, others do not.
 */
import { BlockList, isIPv4 } from "node:net";

/** A pod, with the labels its chart gives it. */
export interface PodEnd {
  kind: "pod";
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ip: string;
  /** On the node's network, where NetworkPolicies do not apply. */
  hostNetwork?: boolean;
}

/** An address outside the cluster's pods, such as a client or the API. */
export interface AddressEnd {
  kind: "address";
  name: string;
  ip: string;
}

export type FlowEnd = PodEnd | AddressEnd;

/** One connection attempt. */
export interface Connection {
  from: FlowEnd;
  to: FlowEnd;
  protocol: "TCP" | "UDP" | "SCTP";
  port: number;
}

/** The result of one connection. */
export interface Verdict {
  /** What the policies allow. */
  allowed: boolean;
  /**
   * True when an end is on the host network, so the cluster does not
   * enforce the policies' verdict for that end.
   */
  bypassed: boolean;
}

type Labels = Record<string, string>;
type Json = Record<string, unknown>;

function checkKeys(object: Json, allowed: string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new Error(`unsupported field ${where}.${key}`);
    }
  }
}

function matchesSelector(selector: unknown, labels: Labels, where: string) {
  const object = (selector ?? {}) as Json;
  checkKeys(object, ["matchLabels"], where);
  const wanted = (object.matchLabels ?? {}) as Labels;
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

function inCidr(ip: string, block: Json): boolean {
  checkKeys(block, ["cidr", "except"], "ipBlock");
  const contains = (cidr: string) => {
    const [network, prefix] = cidr.split("/");
    const list = new BlockList();
    list.addSubnet(network as string, Number(prefix), "ipv4");
    return list.check(ip, "ipv4");
  };
  if (!isIPv4(ip)) {
    throw new Error(`only IPv4 is modelled, received ${ip}`);
  }
  const except = (block.except ?? []) as string[];
  return contains(block.cidr as string) && !except.some(contains);
}

/** Evaluates connections against a set of NetworkPolicy objects. */
export class PolicyEvaluator {
  private readonly policies: Json[];
  private readonly namespaces: Map<string, Labels>;

  /** `namespaces` gives extra labels; each gets its name label anyway. */
  constructor(policies: Json[], namespaces: Record<string, Labels> = {}) {
    this.policies = policies;
    this.namespaces = new Map(Object.entries(namespaces));
    for (const policy of policies) {
      checkKeys(policy, ["apiVersion", "kind", "metadata", "spec"], "");
      const spec = policy.spec as Json;
      checkKeys(
        spec,
        ["podSelector", "policyTypes", "ingress", "egress"],
        "spec",
      );
    }
  }

  private namespaceLabels(name: string): Labels {
    return {
      ...this.namespaces.get(name),
      "kubernetes.io/metadata.name": name,
    };
  }

  private selecting(pod: PodEnd, direction: "Ingress" | "Egress"): Json[] {
    return this.policies.filter((policy) => {
      const metadata = policy.metadata as Json;
      const spec = policy.spec as Json;
      const types = (spec.policyTypes ??
        (spec.egress ? ["Ingress", "Egress"] : ["Ingress"])) as string[];
      return (
        metadata.namespace === pod.namespace &&
        types.includes(direction) &&
        matchesSelector(spec.podSelector, pod.labels, "spec.podSelector")
      );
    });
  }

  private peerMatches(peer: Json, end: FlowEnd, policyNs: string): boolean {
    checkKeys(peer, ["podSelector", "namespaceSelector", "ipBlock"], "peer");
    if (peer.ipBlock !== undefined) {
      return inCidr(end.ip, peer.ipBlock as Json);
    }
    if (end.kind !== "pod") {
      return false;
    }
    const namespaceOk =
      peer.namespaceSelector === undefined
        ? end.namespace === policyNs
        : matchesSelector(
            peer.namespaceSelector,
            this.namespaceLabels(end.namespace),
            "namespaceSelector",
          );
    return (
      namespaceOk &&
      matchesSelector(peer.podSelector, end.labels, "podSelector")
    );
  }

  private portMatches(spec: Json, connection: Connection): boolean {
    checkKeys(spec, ["protocol", "port", "endPort"], "port");
    const protocol = (spec.protocol ?? "TCP") as string;
    if (protocol !== connection.protocol) {
      return false;
    }
    if (spec.port === undefined) {
      return true;
    }
    if (typeof spec.port !== "number") {
      throw new Error(`named port ${String(spec.port)} is not modelled`);
    }
    const last = (spec.endPort ?? spec.port) as number;
    return connection.port >= spec.port && connection.port <= last;
  }

  private directionAllows(
    pod: PodEnd,
    peer: FlowEnd,
    connection: Connection,
    direction: "Ingress" | "Egress",
  ): boolean {
    const policies = this.selecting(pod, direction);
    if (policies.length === 0) {
      return true;
    }
    const rulesKey = direction === "Ingress" ? "ingress" : "egress";
    const peersKey = direction === "Ingress" ? "from" : "to";

    return policies.some((policy) => {
      const namespace = (policy.metadata as Json).namespace as string;
      const rules = ((policy.spec as Json)[rulesKey] ?? []) as Json[];
      return rules.some((rule) => {
        checkKeys(rule, [peersKey, "ports"], rulesKey);
        const peers = (rule[peersKey] ?? []) as Json[];
        const ports = (rule.ports ?? []) as Json[];
        const peerOk =
          peers.length === 0 ||
          peers.some((p) => this.peerMatches(p, peer, namespace));
        const portOk =
          ports.length === 0 ||
          ports.some((p) => this.portMatches(p, connection));
        return peerOk && portOk;
      });
    });
  }

  /** Evaluates one connection. */
  evaluate(connection: Connection): Verdict {
    const { from, to } = connection;
    const egress =
      from.kind !== "pod" ||
      this.directionAllows(from, to, connection, "Egress");
    const ingress =
      to.kind !== "pod" ||
      this.directionAllows(to, from, connection, "Ingress");
    const bypassed =
      (from.kind === "pod" && from.hostNetwork === true) ||
      (to.kind === "pod" && to.hostNetwork === true);
    return { allowed: egress && ingress, bypassed };
  }
}
