import { describe, expect, it } from "vitest";
import { componentGraph } from "../config/graph.js";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { networkPolicyManifests } from "./network-policies.js";
import type { JsonObject } from "./types.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({
    serverName: "example.org",
    monitoring: {
      prometheusUrl: "http://10.0.0.3:9090",
      lokiUrl: "https://loki.example.net",
    },
    ...overrides,
  });
}

function policyAt(stack = stackWith(), path: string): JsonObject {
  const manifest = networkPolicyManifests(stack).find((m) => m.path === path);
  if (manifest === undefined || !("document" in manifest)) {
    throw new Error(`no policy at ${path}`);
  }
  return manifest.document;
}

const DIR = "infrastructure/network-policies";

describe("networkPolicyManifests", () => {
  it("denies everything in each managed namespace", () => {
    const paths = networkPolicyManifests(stackWith()).map((m) => m.path);

    for (const namespace of [
      "authentik",
      "cnpg-system",
      "coturn",
      "matrix",
      "monitoring",
      "monitoring-host",
    ]) {
      expect(paths).toContain(`${DIR}/${namespace}/default-deny.yaml`);
      expect(paths).toContain(`${DIR}/${namespace}/allow-dns.yaml`);
    }
  });

  it("selects every pod in the default deny", () => {
    const policy = policyAt(undefined, `${DIR}/matrix/default-deny.yaml`);

    expect(policy.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
  });

  it("drops the rules of a disabled component", () => {
    const stack = stackWith({ ess: { elementAdmin: { enabled: false } } });
    const paths = networkPolicyManifests(stack).map((m) => m.path);

    expect(paths).not.toContain(`${DIR}/matrix/allow-element-admin.yaml`);
    expect(paths).toContain(`${DIR}/matrix/allow-element-web.yaml`);
  });

  it("sends metrics to an IP as a /32", () => {
    const policy = policyAt(undefined, `${DIR}/monitoring/allow-alloy.yaml`);
    const egress = (policy.spec as { egress: JsonObject[] }).egress;

    expect(egress).toContainEqual({
      to: [{ ipBlock: { cidr: "10.0.0.3/32" } }],
      ports: [{ protocol: "TCP", port: 9090 }],
    });
    expect(egress).toContainEqual({
      to: [{ ipBlock: { cidr: "0.0.0.0/0" } }],
      ports: [{ protocol: "TCP", port: 443 }],
    });
  });

  it("limits the API to the configured addresses", () => {
    const stack = stackWith({ network: { apiServerCIDRs: ["192.0.2.1/32"] } });
    const policy = policyAt(stack, `${DIR}/monitoring/allow-alloy.yaml`);
    const egress = (policy.spec as { egress: JsonObject[] }).egress;

    expect(egress).toContainEqual({
      to: [{ ipBlock: { cidr: "192.0.2.1/32" } }],
      ports: [
        { protocol: "TCP", port: 443 },
        { protocol: "TCP", port: 6443 },
      ],
    });
  });

  it("opens the UDP range in place of the muxed port", () => {
    const stack = stackWith({
      ess: {
        matrixRTC: {
          sfu: {
            useStunToDiscoverPublicIP: true,
            rtcUdpPortRange: { start: 31000, end: 31100 },
          },
        },
      },
    });
    const policy = policyAt(stack, `${DIR}/matrix/allow-matrix-rtc-sfu.yaml`);
    const ports = (policy.spec as { ingress: JsonObject[] }).ingress.flatMap(
      (rule) => rule.ports as JsonObject[],
    );

    expect(ports).toContainEqual({
      protocol: "UDP",
      port: 31000,
      endPort: 31100,
    });
    expect(ports).not.toContainEqual({ protocol: "UDP", port: 30002 });
  });

  it("gives every graph workload with flows a policy", () => {
    const stack = stackWith();
    const paths = new Set(networkPolicyManifests(stack).map((m) => m.path));

    for (const workload of componentGraph(stack).workloads) {
      const path = `${DIR}/${workload.namespace}/allow-${workload.name}.yaml`;
      expect(paths.has(path), workload.name).toBe(true);
    }
  });
});
