/**
 * The generated NetworkPolicies as a table of flows. Pods carry the labels
 * their charts give them, written out here rather than taken from the
 * component graph, so a wrong selector in the graph fails these tests.
 */
import {
  networkPolicyManifests,
  resolveStack,
} from "@axion-stack/stack-config";
import { describe, expect, it } from "vitest";
import {
  type AddressEnd,
  type Connection,
  type FlowEnd,
  type PodEnd,
  PolicyEvaluator,
} from "./evaluator.js";

const stack = resolveStack({
  serverName: "example.org",
  cluster: { publicIP: "203.0.113.10" },
  monitoring: {
    prometheusUrl: "http://10.0.0.3:9090",
    lokiUrl: "http://10.0.0.3:3100",
  },
  network: { apiServerCIDRs: ["192.168.1.10/32"] },
  backups: {
    objectStore: {
      endpointURL: "https://s3.example.net",
      bucket: "backups",
      region: "eu-west-1",
    },
  },
});

const policies = networkPolicyManifests(stack).flatMap((manifest) =>
  "document" in manifest ? [manifest.document] : [],
);
const evaluator = new PolicyEvaluator(policies);

let nextIp = 10;
function pod(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  hostNetwork = false,
): PodEnd {
  nextIp += 1;
  const ip = hostNetwork ? "192.168.1.10" : `10.42.0.${nextIp}`;
  return { kind: "pod", name, namespace, labels, ip, hostNetwork };
}
const address = (name: string, ip: string): AddressEnd => ({
  kind: "address",
  name,
  ip,
});
const app = (name: string) => ({ "app.kubernetes.io/name": name });

const P = {
  traefik: pod("traefik", "kube-system", app("traefik")),
  coredns: pod("coredns", "kube-system", { "k8s-app": "kube-dns" }),
  haproxy: pod("haproxy", "matrix", app("haproxy")),
  synapse: pod("synapse-main", "matrix", {
    ...app("synapse-main"),
    "app.kubernetes.io/component": "matrix-server",
  }),
  mas: pod("mas", "matrix", app("matrix-authentication-service")),
  elementWeb: pod("element-web", "matrix", app("element-web")),
  elementAdmin: pod("element-admin", "matrix", app("element-admin")),
  rtcAuth: pod("rtc-auth", "matrix", app("matrix-rtc-authorisation-service")),
  sfu: pod("sfu", "matrix", app("matrix-rtc-sfu")),
  setupSite: pod("setup-site", "matrix", app("setup-site")),
  initSecrets: pod("init-secrets", "matrix", {
    ...app("init-secrets"),
    "app.kubernetes.io/component": "matrix-tools",
  }),
  postgres: pod("matrix-postgres-1", "matrix", {
    "cnpg.io/cluster": "matrix-postgres",
    "cnpg.io/podRole": "instance",
  }),
  mediaBackup: pod("media-backup", "matrix", app("media-backup")),
  operator: pod("cnpg", "cnpg-system", app("cloudnative-pg")),
  plugin: pod("barman-cloud", "cnpg-system", app("plugin-barman-cloud")),
  coturn: pod("coturn", "coturn", app("coturn"), true),
  authentikServer: pod("authentik-server", "authentik", {
    ...app("authentik"),
    "app.kubernetes.io/component": "server",
  }),
  authentikWorker: pod("authentik-worker", "authentik", {
    ...app("authentik"),
    "app.kubernetes.io/component": "worker",
  }),
  authentikDb: pod("authentik-postgresql", "authentik", app("postgresql")),
  alloy: pod("alloy", "monitoring", app("alloy")),
  kubeStateMetrics: pod("ksm", "monitoring", app("kube-state-metrics")),
  nodeExporter: pod(
    "node-exporter",
    "monitoring-host",
    app("prometheus-node-exporter"),
    true,
  ),
};

const A = {
  api: address("kubernetes-api", "192.168.1.10"),
  client: address("client", "198.51.100.20"),
  federation: address("remote homeserver", "198.51.100.30"),
  privateHost: address("LAN host", "10.0.0.3"),
  prometheus: address("prometheus", "10.0.0.3"),
  objectStore: address("object store", "198.51.100.80"),
  publicIp: address("node public IP", "203.0.113.10"),
};

interface Row {
  from: FlowEnd;
  to: FlowEnd;
  port: number;
  protocol?: Connection["protocol"];
}

const label = (row: Row) =>
  `${row.from.name} -> ${row.to.name}:${row.port}/${row.protocol ?? "TCP"}`;

function verdict(row: Row) {
  return evaluator.evaluate({
    from: row.from,
    to: row.to,
    port: row.port,
    protocol: row.protocol ?? "TCP",
  });
}

const NEEDED: Row[] = [
  { from: P.traefik, to: P.elementWeb, port: 8080 },
  { from: P.traefik, to: P.haproxy, port: 8008 },
  { from: P.traefik, to: P.haproxy, port: 8010 },
  { from: P.traefik, to: P.mas, port: 8080 },
  { from: P.traefik, to: P.elementAdmin, port: 8080 },
  { from: P.traefik, to: P.rtcAuth, port: 8080 },
  { from: P.traefik, to: P.setupSite, port: 8080 },
  { from: P.traefik, to: P.authentikServer, port: 9000 },
  { from: P.traefik, to: P.sfu, port: 5349 },
  { from: P.haproxy, to: P.synapse, port: 8008 },
  { from: P.synapse, to: P.mas, port: 8080 },
  { from: P.mas, to: P.synapse, port: 8008 },
  { from: P.mas, to: P.haproxy, port: 8008 },
  { from: P.synapse, to: P.postgres, port: 5432 },
  { from: P.mas, to: P.postgres, port: 5432 },
  { from: P.mas, to: P.authentikServer, port: 9000 },
  { from: P.mas, to: P.traefik, port: 8443 },
  { from: P.mas, to: A.publicIp, port: 443 },
  { from: P.authentikServer, to: P.authentikDb, port: 5432 },
  { from: P.authentikWorker, to: P.authentikDb, port: 5432 },
  { from: P.authentikWorker, to: A.api, port: 6443 },
  { from: P.synapse, to: A.federation, port: 8448 },
  { from: P.synapse, to: A.federation, port: 443 },
  { from: P.synapse, to: P.coredns, port: 53, protocol: "UDP" },
  { from: P.elementWeb, to: P.coredns, port: 53, protocol: "TCP" },
  { from: A.client, to: P.sfu, port: 30001 },
  { from: A.client, to: P.sfu, port: 30002, protocol: "UDP" },
  { from: A.client, to: P.sfu, port: 30004, protocol: "UDP" },
  { from: P.sfu, to: A.client, port: 50000, protocol: "UDP" },
  { from: P.rtcAuth, to: P.sfu, port: 7880 },
  { from: P.rtcAuth, to: A.federation, port: 8448 },
  { from: P.operator, to: P.postgres, port: 8000 },
  { from: P.operator, to: P.plugin, port: 9090 },
  { from: A.api, to: P.operator, port: 9443 },
  { from: P.operator, to: A.api, port: 6443 },
  { from: P.plugin, to: A.api, port: 443 },
  { from: P.postgres, to: A.api, port: 6443 },
  { from: P.postgres, to: A.objectStore, port: 443 },
  { from: P.mediaBackup, to: A.objectStore, port: 443 },
  { from: P.initSecrets, to: A.api, port: 443 },
  { from: P.alloy, to: P.synapse, port: 9001 },
  { from: P.alloy, to: P.haproxy, port: 8405 },
  { from: P.alloy, to: P.mas, port: 8081 },
  { from: P.alloy, to: P.sfu, port: 6789 },
  { from: P.alloy, to: P.authentikServer, port: 9300 },
  { from: P.alloy, to: P.kubeStateMetrics, port: 8080 },
  { from: P.alloy, to: P.nodeExporter, port: 9100 },
  { from: P.alloy, to: P.postgres, port: 9187 },
  { from: P.alloy, to: A.prometheus, port: 9090 },
  { from: P.alloy, to: A.prometheus, port: 3100 },
  { from: P.alloy, to: A.api, port: 6443 },
  { from: P.kubeStateMetrics, to: A.api, port: 443 },
];

const FORBIDDEN: Row[] = [
  { from: P.elementWeb, to: P.postgres, port: 5432 },
  { from: P.elementWeb, to: A.client, port: 443 },
  { from: P.elementWeb, to: A.federation, port: 80 },
  { from: P.elementWeb, to: A.api, port: 6443 },
  { from: P.elementAdmin, to: P.postgres, port: 5432 },
  { from: P.setupSite, to: A.client, port: 443 },
  { from: P.elementWeb, to: P.nodeExporter, port: 9100 },
  { from: P.synapse, to: P.nodeExporter, port: 9100 },
  { from: P.kubeStateMetrics, to: P.nodeExporter, port: 9100 },
  { from: P.traefik, to: P.nodeExporter, port: 9100 },
  { from: P.coturn, to: A.api, port: 6443 },
  { from: P.coturn, to: A.api, port: 443 },
  { from: P.synapse, to: A.privateHost, port: 8448 },
  { from: P.synapse, to: A.api, port: 6443 },
  { from: P.synapse, to: P.authentikDb, port: 5432 },
  { from: P.mas, to: A.client, port: 443 },
  { from: P.authentikDb, to: A.client, port: 443 },
  { from: P.traefik, to: P.postgres, port: 5432 },
  { from: P.traefik, to: P.synapse, port: 8008 },
  { from: P.sfu, to: P.postgres, port: 5432 },
  { from: A.client, to: P.postgres, port: 5432 },
  { from: P.mediaBackup, to: P.postgres, port: 5432 },
];

describe("generated NetworkPolicies", () => {
  it.each(NEEDED.map((row) => ({ name: label(row), row })))(
    "allows $name",
    ({ row }) => {
      expect(verdict(row).allowed).toBe(true);
    },
  );

  it.each(FORBIDDEN.map((row) => ({ name: label(row), row })))(
    "denies $name",
    ({ row }) => {
      expect(verdict(row).allowed).toBe(false);
    },
  );

  // NetworkPolicies do not apply to pods on the host network, so for
  // coturn and the node exporter the verdicts above hold only on paper. The
  // node's firewall and coturn's missing API token enforce them instead.
  it.each([
    { name: "coturn", row: { from: P.coturn, to: A.api, port: 6443 } },
    {
      name: "node exporter",
      row: { from: P.synapse, to: P.nodeExporter, port: 9100 },
    },
  ])("marks $name flows as bypassed", ({ row }) => {
    expect(verdict(row).bypassed).toBe(true);
  });

  it("leaves no pod of a managed namespace unisolated", () => {
    const managed = new Set(
      policies.map(
        (policy) => (policy.metadata as { namespace: string }).namespace,
      ),
    );
    const pods = Object.values(P).filter((p) => managed.has(p.namespace));

    for (const source of pods) {
      const row: Row = {
        from: source,
        to: A.client,
        port: 1234,
        protocol: "UDP",
      };
      expect(verdict(row).allowed, source.name).toBe(
        source.name === "sfu" || source.name === "coturn",
      );
    }
  });
});
