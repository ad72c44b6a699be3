import { describe, expect, it } from "vitest";
import type { StackConfig } from "./model.js";
import { CONFIG_RULES, runRules, type ConfigRule } from "./rules.js";
import { parseGoDuration, parseSynapseDuration } from "./rules/policies.js";
import { classifyAddress } from "./rules/addresses.js";
import { HARDENING_RULES } from "./rules/hardening.js";
import { SSO_RULES } from "./rules/sso.js";

const BASE: StackConfig = {
  serverName: "example.org",
  cluster: { publicIP: "198.18.0.10" },
  monitoring: {
    prometheusUrl: "http://prometheus.example.org:9090",
    lokiUrl: "http://loki.example.org:3100",
  },
};

function rule(name: string): ConfigRule {
  const found = CONFIG_RULES.find((candidate) => candidate.name === name);
  if (found === undefined) {
    throw new Error(`no rule ${name}`);
  }
  return found;
}

function check(name: string, change: Partial<StackConfig>) {
  return rule(name).check({ ...BASE, ...change });
}

describe("CONFIG_RULES", () => {
  it("has unique kebab-case names", () => {
    const names = CONFIG_RULES.map((entry) => entry.name);

    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  it("describes every rule", () => {
    for (const entry of CONFIG_RULES) {
      expect(entry.description.length).toBeGreaterThan(20);
    }
  });

  it("finds nothing in the base config", () => {
    expect(runRules(BASE, [])).toEqual([]);
  });
});

/** Each row breaks one rule once; `path` is where the issue lands. */
const BROKEN: {
  name: string;
  rule: string;
  change: Partial<StackConfig>;
  path: string;
  message: string;
  severity?: "warning";
}[] = [
  {
    name: "wildcard host",
    rule: "dns-names",
    change: { hosts: { synapse: "*.example.org" } },
    path: "hosts.synapse",
    message: "is not a valid DNS name because it is a wildcard",
  },
  {
    name: "server name with port",
    rule: "dns-names",
    change: { serverName: "example.org:8448" },
    path: "serverName",
    message: 'is not a valid DNS name because it contains the port ":8448"',
  },
  {
    name: "IP as host",
    rule: "dns-names",
    change: { hosts: { turn: "198.18.0.10" } },
    path: "hosts.turn",
    message:
      "is not a valid DNS name because it is an IP address, and Ingress hosts must be names",
  },
  {
    name: "single label",
    rule: "dns-names",
    change: { serverName: "localhost" },
    path: "serverName",
    message:
      "is not a valid DNS name because it has a single label, and public TLS certificates need a domain",
  },
  {
    name: "label with underscore",
    rule: "dns-names",
    change: { hosts: { elementAdmin: "my_admin.example.org" } },
    path: "hosts.elementAdmin",
    message:
      'is not a valid DNS name because its label "my_admin" is not a valid DNS label',
  },
  {
    name: "default host too long",
    rule: "dns-names",
    change: {
      serverName: `${"a".repeat(63)}.`.repeat(3) + "b".repeat(48) + ".org",
    },
    path: "serverName",
    message:
      "gives hosts.matrixRTCTurn the default mrtc-turn.<serverName>, which is 254 characters long, more than 253",
  },
  {
    name: "apex for Synapse",
    rule: "unique-hosts",
    change: { hosts: { synapse: "example.org" } },
    path: "hosts.synapse",
    message:
      "is the server name, which serves Element Web and /.well-known/matrix; no other component may use it",
  },
  {
    name: "two explicit hosts",
    rule: "unique-hosts",
    change: { hosts: { synapse: "m.example.org", authentik: "m.example.org" } },
    path: "hosts.authentik",
    message: "is also set as hosts.synapse",
  },
  {
    name: "host on a default",
    rule: "unique-hosts",
    change: { hosts: { elementAdmin: "matrix.example.org" } },
    path: "hosts.elementAdmin",
    message: "is also the default of hosts.synapse",
  },
  {
    name: "long release name",
    rule: "release-name",
    change: { ess: { releaseName: "r".repeat(54) } },
    path: "ess.releaseName",
    message: "is 54 characters long, more than Helm allows",
  },
  {
    name: "release name with dot",
    rule: "release-name",
    change: { ess: { releaseName: "ess.prod" } },
    path: "ess.releaseName",
    message: "is not a valid DNS label",
  },
  {
    name: "namespace upper case",
    rule: "namespaces",
    change: { monitoring: { ...BASE.monitoring, namespace: "Monitoring" } },
    path: "monitoring.namespace",
    message: "is not a valid DNS label",
  },
  {
    name: "kube-system",
    rule: "namespaces",
    change: { ess: { namespace: "kube-system" } },
    path: "ess.namespace",
    message:
      "is a namespace that Kubernetes or Flux owns; the stack would relabel it with its Pod Security level",
  },
  {
    name: "Flux namespace",
    rule: "namespaces",
    change: { authentik: { namespace: "flux-system" } },
    path: "authentik.namespace",
    message:
      "is a namespace that Kubernetes or Flux owns; the stack would relabel it with its Pod Security level",
  },
  {
    name: "issuer with space",
    rule: "object-names",
    change: { cluster: { ...BASE.cluster, clusterIssuer: "lets encrypt" } },
    path: "cluster.clusterIssuer",
    message: "is not a valid Kubernetes object name",
  },
  {
    name: "flux path escapes",
    rule: "flux-path",
    change: { flux: { path: "../other/flux" } },
    path: "flux.path",
    message: "leaves the repository root through '..'",
  },
  {
    name: "port zero",
    rule: "port-numbers",
    change: { coturn: { port: 0 } },
    path: "coturn.port",
    message: "is not a valid port number",
  },
  {
    name: "port too high",
    rule: "port-numbers",
    change: { ess: { matrixRTC: { sfu: { rtcTcpPort: 70000 } } } },
    path: "ess.matrixRTC.sfu.rtcTcpPort",
    message: "is not a valid port number",
  },
  {
    name: "inverted range",
    rule: "port-ranges",
    change: { coturn: { relayPortRange: { start: 60000, end: 50000 } } },
    path: "coturn.relayPortRange",
    message: "starts after its end",
  },
  {
    name: "coturn ports equal",
    rule: "port-collisions",
    change: { coturn: { tlsPort: 3478 } },
    path: "coturn.tlsPort",
    message: "overlaps coturn.port (3478, the default)",
  },
  {
    name: "SFU ports equal",
    rule: "port-collisions",
    change: { ess: { matrixRTC: { sfu: { rtcTcpPort: 30003 } } } },
    path: "ess.matrixRTC.sfu.rtcTcpPort",
    message: "overlaps ess.matrixRTC.sfu.turn.tlsPort (30003, the default)",
  },
  {
    name: "relay range over UDP range",
    rule: "port-collisions",
    change: {
      coturn: { relayPortRange: { start: 31000, end: 40000 } },
      ess: {
        matrixRTC: { sfu: { rtcUdpPortRange: { start: 31500, end: 32000 } } },
      },
    },
    path: "ess.matrixRTC.sfu.rtcUdpPortRange",
    message: "overlaps coturn.relayPortRange (31000-40000)",
  },
  {
    name: "NodePort below range",
    rule: "node-port-range",
    change: { ess: { matrixRTC: { sfu: { turn: { udpPort: 3478 } } } } },
    path: "ess.matrixRTC.sfu.turn.udpPort",
    message: "is outside the NodePort range 30000-32767",
  },
  {
    name: "UDP range past range",
    rule: "node-port-range",
    change: {
      ess: {
        matrixRTC: { sfu: { rtcUdpPortRange: { start: 32000, end: 33000 } } },
      },
    },
    path: "ess.matrixRTC.sfu.rtcUdpPortRange",
    message: "is outside the NodePort range 30000-32767",
  },
  {
    name: "URL without scheme",
    rule: "urls",
    change: { monitoring: { ...BASE.monitoring, lokiUrl: "loki:3100" } },
    path: "monitoring.lokiUrl",
    message: 'uses the scheme "loki" instead of http or https',
  },
  {
    name: "URL not a URL",
    rule: "urls",
    change: { monitoring: { ...BASE.monitoring, prometheusUrl: "prometheus" } },
    path: "monitoring.prometheusUrl",
    message: "is not a valid absolute URL",
  },
  {
    name: "http map style",
    rule: "urls",
    change: { privacy: { mapStyleUrl: "http://maps.example.org/style.json" } },
    path: "privacy.mapStyleUrl",
    message:
      "uses http, but Element loads it from an https page and browsers block such mixed content",
  },
  {
    name: "URL with password",
    rule: "urls",
    change: {
      monitoring: {
        ...BASE.monitoring,
        lokiUrl: "https://u:p@loki.example.org",
      },
    },
    path: "monitoring.lokiUrl",
    message:
      "contains credentials, which would be committed to Git in plain text",
  },
  {
    name: "private public IP",
    rule: "advertised-ip",
    change: { cluster: { publicIP: "192.168.1.20" } },
    path: "cluster.publicIP",
    message: "is a private address, which clients outside the LAN cannot reach",
  },
  {
    name: "loopback manual IP",
    rule: "advertised-ip",
    change: { ess: { matrixRTC: { sfu: { manualIP: "127.0.0.1" } } } },
    path: "ess.matrixRTC.sfu.manualIP",
    message:
      "is a loopback address, which clients outside the LAN cannot reach",
  },
  {
    name: "link-local IPv6",
    rule: "advertised-ip",
    change: { cluster: { publicIP: "fe80::1" } },
    path: "cluster.publicIP",
    message:
      "is a link-local address, which clients outside the LAN cannot reach",
  },
  {
    name: "not an IP",
    rule: "advertised-ip",
    change: { cluster: { publicIP: "node1.example.org" } },
    path: "cluster.publicIP",
    message: "is not an IP address",
  },
  {
    name: "unspecified IP on LAN",
    rule: "advertised-ip",
    change: { cluster: { publicIP: "0.0.0.0", clientsOnLan: true } },
    path: "cluster.publicIP",
    message: "is an unspecified address, which no client can connect to",
  },
  {
    name: "documentation IP",
    rule: "advertised-ip",
    change: { cluster: { publicIP: "203.0.113.10" } },
    path: "cluster.publicIP",
    message: "is reserved for documentation, so no client can reach it",
    severity: "warning",
  },
  {
    name: "no SFU address",
    rule: "sfu-address",
    change: { cluster: {} },
    path: "ess.matrixRTC.sfu.useStunToDiscoverPublicIP",
    message:
      "is off, but neither ess.matrixRTC.sfu.manualIP nor cluster.publicIP is set, so the SFU has no public address to advertise",
  },
  {
    name: "Flux interval in days",
    rule: "durations",
    change: { flux: { interval: "1d" } },
    path: "flux.interval",
    message: "is not a valid duration",
  },
  {
    name: "zero lifetime",
    rule: "durations",
    change: { coturn: { credentialLifetime: "0h" } },
    path: "coturn.credentialLifetime",
    message: "is zero",
  },
  {
    name: "retention unit",
    rule: "durations",
    change: { policies: { retention: { maxLifetime: "1 year" } } },
    path: "policies.retention.maxLifetime",
    message: "is not a valid duration",
  },
  {
    name: "min after max",
    rule: "retention-order",
    change: { policies: { retention: { minLifetime: "2y" } } },
    path: "policies.retention.minLifetime",
    message: "is longer than policies.retention.maxLifetime (1y)",
  },
  {
    name: "max before default min",
    rule: "retention-order",
    change: { policies: { retention: { maxLifetime: "12h" } } },
    path: "policies.retention.maxLifetime",
    message: "is shorter than policies.retention.minLifetime (1d)",
  },
  {
    name: "default outside",
    rule: "retention-order",
    change: { policies: { retention: { defaultMaxLifetime: "2y" } } },
    path: "policies.retention.defaultMaxLifetime",
    message: "lies outside minLifetime..maxLifetime (1d..1y)",
  },
  {
    name: "alias without server",
    rule: "auto-join-rooms",
    change: { policies: { autoJoinRooms: { rooms: ["#welcome"] } } },
    path: "policies.autoJoinRooms.rooms[0]",
    message: "is not a valid room alias",
  },
  {
    name: "room ID",
    rule: "auto-join-rooms",
    change: { policies: { autoJoinRooms: { rooms: ["!abc:example.org"] } } },
    path: "policies.autoJoinRooms.rooms[0]",
    message: "is a room ID, but Synapse auto-joins rooms only by alias",
  },
  {
    name: "remote alias",
    rule: "auto-join-rooms",
    change: {
      policies: {
        autoJoinRooms: { rooms: ["#a:example.org", "#b:example.net"] },
      },
    },
    path: "policies.autoJoinRooms.rooms[1]",
    message:
      "is on another server (example.net), so Synapse cannot create it and joins it only if it already exists",
    severity: "warning",
  },
  {
    name: "alias twice",
    rule: "auto-join-rooms",
    change: {
      policies: {
        autoJoinRooms: { rooms: ["#a:example.org", "#a:example.org"] },
      },
    },
    path: "policies.autoJoinRooms.rooms[1]",
    message: "is listed twice",
    severity: "warning",
  },
  {
    name: "admin without MAS",
    rule: "element-admin-needs-mas",
    change: { ess: { matrixAuthenticationService: { enabled: false } } },
    path: "ess.elementAdmin.enabled",
    message:
      "is on, but Element Admin needs MAS and ess.matrixAuthenticationService.enabled is false",
  },
  {
    name: "no Loki",
    rule: "monitoring-endpoints",
    change: { monitoring: { prometheusUrl: "http://p.example.org:9090" } },
    path: "monitoring.lokiUrl",
    message:
      "is not set, but monitoring is enabled and Grafana Alloy needs a Loki to send logs to",
  },
  {
    name: "latest image",
    rule: "images-pinned",
    change: { coturn: { image: "docker.io/coturn/coturn:latest" } },
    path: "coturn.image",
    message: "uses the tag latest",
    severity: "warning",
  },
  {
    name: "image without tag",
    rule: "images-pinned",
    change: { coturn: { image: "registry.example.org:5000/coturn" } },
    path: "coturn.image",
    message: "has no tag, so it means :latest",
    severity: "warning",
  },
  {
    name: "Element Call without MatrixRTC",
    rule: "element-call-needs-matrix-rtc",
    change: { cluster: {}, ess: { matrixRTC: { enabled: false } } },
    path: "ess.matrixRTC.enabled",
    message:
      "is false, but Element Call is on by default, so it cannot place calls and the well-known publishes no call caps",
    severity: "warning",
  },
  {
    name: "Element Call switched on without MatrixRTC",
    rule: "element-call-needs-matrix-rtc",
    change: {
      cluster: {},
      ess: { matrixRTC: { enabled: false } },
      elementCall: { enabled: true },
    },
    path: "elementCall.enabled",
    message:
      "is on, but ess.matrixRTC.enabled is false, so Element Call cannot place calls and the well-known publishes no call caps",
    severity: "warning",
  },
  {
    name: "zero upload size",
    rule: "max-upload-size",
    change: { ess: { synapse: { maxUploadSize: "0" } } },
    path: "ess.synapse.maxUploadSize",
    message: "is zero, so Synapse rejects every upload",
  },
  {
    name: "zero upload size with a suffix",
    rule: "max-upload-size",
    change: { ess: { synapse: { maxUploadSize: "0M" } } },
    path: "ess.synapse.maxUploadSize",
    message: "is zero, so Synapse rejects every upload",
  },
  {
    name: "upload size under 1M",
    rule: "max-upload-size",
    change: { ess: { synapse: { maxUploadSize: "512K" } } },
    path: "ess.synapse.maxUploadSize",
    message: "is under 1M, so Synapse rejects most photos and files",
    severity: "warning",
  },
  {
    name: "coturn on Traefik's HTTPS port",
    rule: "reserved-ports",
    change: { coturn: { tlsPort: 443 } },
    path: "coturn.tlsPort",
    message:
      "overlaps a port already open on the node: 443 (Traefik's websecure entrypoint through K3S ServiceLB)",
  },
  {
    name: "coturn relay range over the kubelet",
    rule: "reserved-ports",
    change: { coturn: { relayPortRange: { start: 10000, end: 20000 } } },
    path: "coturn.relayPortRange",
    message:
      "overlaps a port already open on the node: 10250 (the kubelet API)",
  },
];

describe("rules", () => {
  it.each(BROKEN)(
    "$rule: $name",
    ({ rule: name, change, path, message, severity }) => {
      const issues = check(name, change);

      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toBe(path);
      expect(issues[0]!.message).toBe(message);
      expect(issues[0]!.severity ?? "error").toBe(severity ?? "error");
    },
  );

  it("covers every rule", () => {
    // The single sign-on and hardening rules have their own tests in
    // rules/sso.test.ts and rules/hardening.test.ts.
    const covered = new Set([
      ...BROKEN.map((row) => row.rule),
      ...SSO_RULES.map((entry) => entry.name),
      ...HARDENING_RULES.map((entry) => entry.name),
    ]);

    expect(CONFIG_RULES.filter((entry) => !covered.has(entry.name))).toEqual(
      [],
    );
  });
});

/** Each row is a config that looks suspicious but is valid. */
const ACCEPTED: { name: string; change: Partial<StackConfig> }[] = [
  {
    name: "upload size of exactly 1M in bytes",
    change: { ess: { synapse: { maxUploadSize: "1048576" } } },
  },
  {
    name: "coturn on 9100 without node-exporter",
    change: {
      monitoring: { ...BASE.monitoring, nodeExporter: { enabled: false } },
      coturn: { port: 9100 },
    },
  },
  {
    name: "private IP on a LAN",
    change: { cluster: { publicIP: "10.0.0.5", clientsOnLan: true } },
  },
  {
    name: "STUN instead of an IP",
    change: {
      cluster: {},
      ess: { matrixRTC: { sfu: { useStunToDiscoverPublicIP: true } } },
    },
  },
  {
    name: "manual IP instead of public IP",
    change: {
      cluster: {},
      ess: { matrixRTC: { sfu: { manualIP: "2a01:4f8::1" } } },
    },
  },
  {
    name: "no SFU address with MatrixRTC off",
    change: {
      cluster: {},
      ess: { matrixRTC: { enabled: false } },
      elementCall: { enabled: false },
    },
  },
  {
    name: "ports of disabled coturn",
    change: {
      coturn: { enabled: false, relayPortRange: { start: 30000, end: 32767 } },
    },
  },
  {
    name: "muxed port inside the UDP range",
    change: {
      ess: {
        matrixRTC: {
          sfu: {
            rtcMuxedUdpPort: 31500,
            rtcUdpPortRange: { start: 31000, end: 32000 },
          },
        },
      },
    },
  },
  {
    name: "shared host of disabled Authentik",
    change: {
      ess: {
        matrixAuthenticationService: { enabled: false },
        elementAdmin: { enabled: false },
      },
      authentik: { enabled: false },
      hosts: { authentik: "matrix.example.org" },
    },
  },
  {
    name: "apex for Element Web",
    change: { hosts: { elementWeb: "example.org" } },
  },
  {
    name: "Go duration with two units",
    change: { flux: { interval: "1h30m" } },
  },
  {
    name: "retention off with odd limits",
    change: { policies: { retention: { enabled: false, minLifetime: "2y" } } },
  },
  {
    name: "Admin and MAS both off",
    change: {
      ess: {
        elementAdmin: { enabled: false },
        matrixAuthenticationService: { enabled: false },
      },
    },
  },
  {
    name: "monitoring off without URLs",
    change: { monitoring: { enabled: false } },
  },
  {
    name: "image pinned by digest",
    change: {
      coturn: { image: `docker.io/coturn/coturn@sha256:${"a".repeat(64)}` },
    },
  },
  {
    name: "local alias",
    change: { policies: { autoJoinRooms: { rooms: ["#a:example.org"] } } },
  },
];

describe("rules accept", () => {
  it.each(ACCEPTED)("$name", ({ change }) => {
    expect(runRules({ ...BASE, ...change }, [])).toEqual([]);
  });
});

describe("urls rule", () => {
  it("hides the password of a URL", () => {
    const change = {
      monitoring: {
        ...BASE.monitoring,
        lokiUrl: "https://u:hunter2@loki.example.org",
      },
    };
    const issues = check("urls", change);

    expect(issues[0]!.value).toBe("https://u:(redacted)@loki.example.org");
  });
});

describe("images-pinned rule", () => {
  it("keeps the registry port in its fix", () => {
    const change = { coturn: { image: "registry.example.org:5000/coturn" } };
    const issues = check("images-pinned", change);

    expect(issues[0]!.fix).toBe(
      'pin a version, such as "registry.example.org:5000/coturn:<version>"',
    );
  });
});

describe("parseSynapseDuration", () => {
  it.each([
    { text: "1d", ms: 86_400_000 },
    { text: "2w", ms: 1_209_600_000 },
    { text: "1y", ms: 31_536_000_000 },
    { text: "500ms", ms: 500 },
    { text: "1.5d", ms: undefined },
    { text: "10", ms: undefined },
  ])("$text", ({ text, ms }) => {
    expect(parseSynapseDuration(text)).toBe(ms);
  });
});

describe("parseGoDuration", () => {
  it.each([
    { text: "10m", ms: 600_000 },
    { text: "1h30m", ms: 5_400_000 },
    { text: "1.5h", ms: 5_400_000 },
    { text: "1d", ms: undefined },
  ])("$text", ({ text, ms }) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
});

describe("classifyAddress", () => {
  it.each([
    { address: "8.8.8.8", kind: "public" },
    { address: "100.64.1.1", kind: "private" },
    { address: "172.31.255.255", kind: "private" },
    { address: "172.32.0.1", kind: "public" },
    { address: "fd00::1", kind: "private" },
    { address: "::1", kind: "loopback" },
    { address: "2001:db8::1", kind: "documentation" },
    { address: "239.1.1.1", kind: "multicast" },
  ])("$address is $kind", ({ address, kind }) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});
