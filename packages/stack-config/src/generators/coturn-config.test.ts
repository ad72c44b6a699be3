import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import {
  deniedPeerRanges,
  formatTurnServerConf,
  renderTurnServerConf,
  turnServerConfig,
} from "./coturn-config.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

function confLines(overrides: Partial<StackConfig> = {}): string[] {
  return renderTurnServerConf(stackWith(overrides)).trimEnd().split("\n");
}

describe("renderTurnServerConf", () => {
  it.each([
    "realm=example.org",
    "listening-port=3478",
    "tls-listening-port=5349",
    "min-port=49152",
    "max-port=65535",
    "use-auth-secret",
    "cert=/etc/coturn-tls/tls.crt",
    "pkey=/etc/coturn-tls/tls.key",
    "no-tlsv1",
    "no-tlsv1_1",
    "fingerprint",
    "no-cli",
    "no-multicast-peers",
    "no-tcp-relay",
    "no-rfc5780",
    "user-quota=12",
    "total-quota=1200",
    "log-file=stdout",
  ])("contains %s", (line) => {
    expect(confLines()).toContain(line);
  });

  it("takes ports from the config", () => {
    const lines = confLines({
      coturn: {
        port: 3479,
        tlsPort: 5350,
        relayPortRange: { start: 50000, end: 50999 },
      },
    });

    expect(lines).toContain("listening-port=3479");
    expect(lines).toContain("tls-listening-port=5350");
    expect(lines).toContain("min-port=50000");
    expect(lines).toContain("max-port=50999");
  });

  it("advertises the public IP when set", () => {
    const lines = confLines({ cluster: { publicIP: "198.51.100.7" } });

    expect(lines).toContain("external-ip=198.51.100.7");
  });

  it("omits external-ip without a public IP", () => {
    expect(confLines().some((line) => line.startsWith("external-ip"))).toBe(
      false,
    );
  });

  it("never contains the shared secret", () => {
    const text = renderTurnServerConf(stackWith());

    expect(text).not.toMatch(/static-auth-secret|shared-secret/);
  });

  it("ends with one newline", () => {
    expect(renderTurnServerConf(stackWith())).toMatch(/[^\n]\n$/);
  });
});

describe("deniedPeerRanges", () => {
  it.each([
    ["loopback", "127.0.0.0-127.255.255.255"],
    ["link-local and metadata", "169.254.0.0-169.254.255.255"],
    ["carrier-grade NAT", "100.64.0.0-100.127.255.255"],
    ["multicast and reserved", "224.0.0.0-255.255.255.255"],
    ["IPv6 loopback", "::1"],
    ["IPv6 link-local", "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
    ["IPv4-mapped IPv6", "::ffff:0.0.0.0-::ffff:255.255.255.255"],
  ])("denies %s", (_name, range) => {
    expect(deniedPeerRanges(stackWith())).toContain(range);
  });

  it.each([
    "10.0.0.0-10.255.255.255",
    "172.16.0.0-172.31.255.255",
    "192.168.0.0-192.168.255.255",
    "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  ])("denies private %s by default", (range) => {
    expect(deniedPeerRanges(stackWith())).toContain(range);
  });

  it("allows private peers when clients are on the LAN", () => {
    const ranges = deniedPeerRanges(
      stackWith({ cluster: { clientsOnLan: true } }),
    );

    expect(ranges).not.toContain("192.168.0.0-192.168.255.255");
    expect(ranges).not.toContain("10.0.0.0-10.255.255.255");
    expect(ranges).toContain("10.42.0.0-10.42.255.255");
    expect(ranges).toContain("10.43.0.0-10.43.255.255");
    expect(ranges).toContain("169.254.0.0-169.254.255.255");
  });

  it("has no range starting at the unspecified address", () => {
    const ranges = deniedPeerRanges(stackWith());

    expect(ranges.filter((range) => /^::(-|$)/.test(range))).toEqual([]);
    expect(ranges).not.toContain("0.0.0.0-0.0.0.0");
  });
});

describe("formatTurnServerConf", () => {
  it("writes flags bare and lists as repeated lines", () => {
    const config = {
      ...turnServerConfig(stackWith()),
      "denied-peer-ip": ["10.0.0.1", "10.0.0.2"],
    };

    const lines = formatTurnServerConf(config).split("\n");

    expect(lines).toContain("fingerprint");
    expect(lines).toContain("denied-peer-ip=10.0.0.1");
    expect(lines).toContain("denied-peer-ip=10.0.0.2");
  });
});
