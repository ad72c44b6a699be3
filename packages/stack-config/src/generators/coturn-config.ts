/**
 * coturn's `turnserver.conf`, built as typed options and written in
 * coturn's `name=value` format. The shared secret is not in it: coturn gets
 * it on the command line from a Secret, so the ConfigMap contains no
 * credential.
 */
import type { TurnServerConfig } from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";

/** Mount path of the ConfigMap with `turnserver.conf`. */
export const TURNSERVER_CONF_DIR = "/etc/coturn";

/**
 * Mount path of the cert-manager Secret of the TLS listener. It is outside
 * `TURNSERVER_CONF_DIR`, so its mount point need not be created inside the
 * read-only ConfigMap volume.
 */
export const TURN_TLS_DIR = "/etc/coturn-tls";

/** A writable emptyDir for the PID file, because the root filesystem is not. */
export const TURN_RUN_DIR = "/var/tmp";

/**
 * Peer ranges that carry no call media from the Internet: "this network",
 * loopback, link-local (with the cloud metadata address 169.254.169.254),
 * documentation, benchmarking, multicast and reserved ranges, with their
 * IPv6 counterparts. Relaying to them would let a TURN client reach the
 * node's own services.
 */
const ALWAYS_DENIED: readonly string[] = [
  "0.0.0.0-0.255.255.255",
  "100.64.0.0-100.127.255.255",
  "127.0.0.0-127.255.255.255",
  "169.254.0.0-169.254.255.255",
  "192.0.0.0-192.0.0.255",
  "192.0.2.0-192.0.2.255",
  "192.88.99.0-192.88.99.255",
  "198.18.0.0-198.19.255.255",
  "198.51.100.0-198.51.100.255",
  "203.0.113.0-203.0.113.255",
  "224.0.0.0-255.255.255.255",
  // Only `::1`, because coturn 4.6.1 matches a range that starts at `::`
  // against IPv4 peers too: it denied 127.0.0.1 in a loopback test.
  "::1",
  "::ffff:0.0.0.0-::ffff:255.255.255.255",
  "64:ff9b::-64:ff9b::ffff:ffff",
  "64:ff9b:1::-64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
  "100::-100::ffff:ffff:ffff:ffff",
  "2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
  "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
  "2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  "ff00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
];

/** Private ranges (RFC 1918 and IPv6 unique local addresses). */
const PRIVATE_RANGES: readonly string[] = [
  "10.0.0.0-10.255.255.255",
  "172.16.0.0-172.31.255.255",
  "192.168.0.0-192.168.255.255",
  "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
];

// NOTE: These are K3S's default cluster and service CIDRs. A cluster
// installed with other CIDRs needs them here when clients are on the LAN.
/** The pod and service networks, denied even when LAN peers are allowed. */
const K3S_CLUSTER_RANGES: readonly string[] = [
  "10.42.0.0-10.42.255.255",
  "10.43.0.0-10.43.255.255",
];

/**
 * Returns the peer ranges coturn must not relay to. Private ranges are
 * allowed only when `cluster.clientsOnLan` is set, because then the call
 * peers themselves have private addresses.
 */
export function deniedPeerRanges(stack: ResolvedStack): string[] {
  const local = stack.cluster.clientsOnLan
    ? K3S_CLUSTER_RANGES
    : PRIVATE_RANGES;
  return [...ALWAYS_DENIED, ...local];
}

/** Builds the options of coturn's `turnserver.conf`. */
export function turnServerConfig(stack: ResolvedStack): TurnServerConfig {
  const { coturn } = stack;
  const publicIP = stack.cluster.publicIP;

  return {
    realm: stack.serverName,
    "listening-port": coturn.port,
    "tls-listening-port": coturn.tlsPort,
    ...(publicIP === undefined ? {} : { "external-ip": publicIP }),
    "min-port": coturn.relayPortRange.start,
    "max-port": coturn.relayPortRange.end,
    "use-auth-secret": true,
    cert: `${TURN_TLS_DIR}/tls.crt`,
    pkey: `${TURN_TLS_DIR}/tls.key`,
    "no-tlsv1": true,
    "no-tlsv1_1": true,
    fingerprint: true,
    "no-cli": true,
    "no-multicast-peers": true,
    "no-tcp-relay": true,
    "no-rfc5780": true,
    "no-stun-backward-compatibility": true,
    "response-origin-only-with-rfc5780": true,
    "no-software-attribute": true,
    "denied-peer-ip": deniedPeerRanges(stack),
    // Each device in a 1:1 call takes a few allocations, so 12 per user
    // leaves room for several devices. The total caps what one node relays
    // at once. Both are estimates, not measured limits.
    "user-quota": 12,
    "total-quota": 1200,
    "stale-nonce": 600,
    "log-file": "stdout",
    "simple-log": true,
    pidfile: `${TURN_RUN_DIR}/turnserver.pid`,
  };
}

function formatOption(name: string, value: unknown): string[] {
  if (value === true) {
    return [name];
  }
  if (Array.isArray(value)) {
    return value.map((entry) => `${name}=${String(entry)}`);
  }
  return [`${name}=${String(value)}`];
}

/** Writes options in coturn's format: one `name=value` or flag per line. */
export function formatTurnServerConf(config: TurnServerConfig): string {
  const lines = Object.entries(config).flatMap(([name, value]) =>
    formatOption(name, value),
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Renders the complete `turnserver.conf` of a stack. coturn reads the
 * shared secret from `--static-auth-secret` on its command line.
 */
export function renderTurnServerConf(stack: ResolvedStack): string {
  return formatTurnServerConf(turnServerConfig(stack));
}
