import { describe, expect, it } from "vitest";
import {
  type AddressEnd,
  type Connection,
  type PodEnd,
  PolicyEvaluator,
} from "./evaluator.js";

const web: PodEnd = {
  kind: "pod",
  name: "web",
  namespace: "apps",
  labels: { app: "web" },
  ip: "10.42.0.10",
};
const db: PodEnd = {
  kind: "pod",
  name: "db",
  namespace: "apps",
  labels: { app: "db" },
  ip: "10.42.0.11",
};
const other: PodEnd = {
  kind: "pod",
  name: "other-web",
  namespace: "other",
  labels: { app: "web" },
  ip: "10.42.1.10",
};
const publicHost: AddressEnd = {
  kind: "address",
  name: "public",
  ip: "198.51.100.7",
};
const privateHost: AddressEnd = {
  kind: "address",
  name: "private",
  ip: "192.168.1.7",
};

function policy(namespace: string, spec: Record<string, unknown>) {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "p", namespace },
    spec,
  };
}

const denyAll = policy("apps", {
  podSelector: {},
  policyTypes: ["Ingress", "Egress"],
});

const dbFromWeb = policy("apps", {
  podSelector: { matchLabels: { app: "db" } },
  policyTypes: ["Ingress"],
  ingress: [
    {
      from: [{ podSelector: { matchLabels: { app: "web" } } }],
      ports: [{ protocol: "TCP", port: 5432 }],
    },
  ],
});

const webEgress = policy("apps", {
  podSelector: { matchLabels: { app: "web" } },
  policyTypes: ["Egress"],
  egress: [
    { to: [{ podSelector: { matchLabels: { app: "db" } } }] },
    {
      to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["192.168.0.0/16"] } }],
      ports: [{ protocol: "UDP", port: 40000, endPort: 40100 }],
    },
  ],
});

const connect = (
  from: Connection["from"],
  to: Connection["to"],
  port: number,
  protocol: Connection["protocol"] = "TCP",
): Connection => ({ from, to, port, protocol });

describe("PolicyEvaluator", () => {
  it.each([
    { name: "no policies allow all", policies: [], flow: connect(web, db, 1) },
    {
      name: "selected pods in own namespace",
      policies: [denyAll, dbFromWeb, webEgress],
      flow: connect(web, db, 5432),
    },
    {
      name: "ipBlock inside a port range",
      policies: [denyAll, webEgress],
      flow: connect(web, publicHost, 40050, "UDP"),
    },
    {
      name: "egress-only policy leaves ingress open",
      policies: [webEgress],
      flow: connect(publicHost, web, 8080),
    },
  ])("allows: $name", ({ policies, flow }) => {
    expect(new PolicyEvaluator(policies).evaluate(flow).allowed).toBe(true);
  });

  it.each([
    { name: "default deny", policies: [denyAll], flow: connect(web, db, 1) },
    {
      name: "wrong port",
      policies: [denyAll, dbFromWeb, webEgress],
      flow: connect(web, db, 5433),
    },
    {
      name: "wrong protocol",
      policies: [denyAll, dbFromWeb, webEgress],
      flow: connect(web, db, 5432, "UDP"),
    },
    {
      name: "podSelector of another namespace",
      policies: [dbFromWeb],
      flow: connect(other, db, 5432),
    },
    {
      name: "address in except",
      policies: [denyAll, webEgress],
      flow: connect(web, privateHost, 40050, "UDP"),
    },
    {
      name: "port past endPort",
      policies: [denyAll, webEgress],
      flow: connect(web, publicHost, 40101, "UDP"),
    },
  ])("denies: $name", ({ policies, flow }) => {
    expect(new PolicyEvaluator(policies).evaluate(flow).allowed).toBe(false);
  });

  it("matches namespaceSelector and podSelector together", () => {
    const fromOther = policy("apps", {
      podSelector: { matchLabels: { app: "db" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { "kubernetes.io/metadata.name": "other" },
              },
              podSelector: { matchLabels: { app: "web" } },
            },
          ],
        },
      ],
    });
    const evaluator = new PolicyEvaluator([fromOther]);

    expect(evaluator.evaluate(connect(other, db, 5432)).allowed).toBe(true);
    expect(evaluator.evaluate(connect(web, db, 5432)).allowed).toBe(false);
  });

  it("reports host-network pods as bypassed", () => {
    const node = { ...db, hostNetwork: true };

    const verdict = new PolicyEvaluator([denyAll]).evaluate(
      connect(web, node, 9100),
    );

    expect(verdict.allowed).toBe(false);
    expect(verdict.bypassed).toBe(true);
  });

  it("rejects fields outside the subset", () => {
    const expressions = policy("apps", {
      podSelector: { matchExpressions: [] },
      policyTypes: ["Ingress"],
    });

    expect(() =>
      new PolicyEvaluator([expressions]).evaluate(connect(web, db, 1)),
    ).toThrow(/unsupported field spec.podSelector.matchExpressions/);
  });
});
