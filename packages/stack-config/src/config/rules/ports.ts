/**
 * Rules on ports: coturn's ports and relay range and the SFU's NodePorts
 * share one node, so none of them may overlap.
 */
import { DEFAULTS } from "../defaults.js";
import type { PortRange, StackConfig } from "../model.js";
import type { ConfigRule, RuleIssue } from "../rules.js";

/** Kubernetes' default `--service-node-port-range`, which K3S keeps. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

/** One port or port range that the stack opens on the node. */
interface PortUse {
  path: string;
  start: number;
  end: number;
  /** Set in the config, not taken from the defaults. */
  explicit: boolean;
  /** Exposed through a Kubernetes Service of type NodePort. */
  nodePort: boolean;
}

function single(
  path: string,
  set: number | undefined,
  fallback: number,
  nodePort: boolean,
): PortUse {
  const port = set ?? fallback;
  return {
    path,
    start: port,
    end: port,
    explicit: set !== undefined,
    nodePort,
  };
}

function range(
  path: string,
  set: PortRange | undefined,
  fallback: PortRange | undefined,
  nodePort: boolean,
): PortUse[] {
  const value = set ?? fallback;
  if (value === undefined) {
    return [];
  }
  return [
    {
      path,
      start: value.start,
      end: value.end,
      explicit: set !== undefined,
      nodePort,
    },
  ];
}

function coturnPorts(config: StackConfig): PortUse[] {
  const coturn = config.coturn ?? {};
  if (!(coturn.enabled ?? DEFAULTS.coturn.enabled)) {
    return [];
  }
  return [
    single("coturn.port", coturn.port, DEFAULTS.coturn.port, false),
    single("coturn.tlsPort", coturn.tlsPort, DEFAULTS.coturn.tlsPort, false),
    ...range(
      "coturn.relayPortRange",
      coturn.relayPortRange,
      DEFAULTS.coturn.relayPortRange,
      false,
    ),
  ];
}

const SFU = "ess.matrixRTC.sfu";

type SfuSettings = NonNullable<
  NonNullable<NonNullable<StackConfig["ess"]>["matrixRTC"]>["sfu"]
>;

function sfuTurnPorts(sfu: SfuSettings): PortUse[] {
  const turn = sfu.turn ?? {};
  const defaults = DEFAULTS.ess.matrixRTC.sfu.turn;
  if (!(turn.enabled ?? defaults.enabled)) {
    return [];
  }
  return [
    single(`${SFU}.turn.udpPort`, turn.udpPort, defaults.udpPort, true),
    single(`${SFU}.turn.tlsPort`, turn.tlsPort, defaults.tlsPort, true),
  ];
}

function sfuPorts(config: StackConfig): PortUse[] {
  const rtc = config.ess?.matrixRTC ?? {};
  if (!(rtc.enabled ?? DEFAULTS.ess.matrixRTC.enabled)) {
    return [];
  }
  const sfu = rtc.sfu ?? {};
  const defaults = DEFAULTS.ess.matrixRTC.sfu;
  const ports = [
    single(`${SFU}.rtcTcpPort`, sfu.rtcTcpPort, defaults.rtcTcpPort, true),
  ];

  // The UDP range replaces the muxed UDP port.
  const udpRange = sfu.rtcUdpPortRange;
  if (udpRange === undefined) {
    const muxed = sfu.rtcMuxedUdpPort;
    const path = `${SFU}.rtcMuxedUdpPort`;
    ports.push(single(path, muxed, defaults.rtcMuxedUdpPort, true));
  }
  ports.push(...range(`${SFU}.rtcUdpPortRange`, udpRange, undefined, true));
  return [...ports, ...sfuTurnPorts(sfu)];
}

/** Lists every port and range that enabled components open on the node. */
function portUses(config: StackConfig): PortUse[] {
  return [...coturnPorts(config), ...sfuPorts(config)];
}

function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function isValidUse(use: PortUse): boolean {
  return isValidPort(use.start) && isValidPort(use.end) && use.start <= use.end;
}

function describeUse(use: PortUse): string {
  return use.start === use.end ? `${use.start}` : `${use.start}-${use.end}`;
}

export const portNumbersRule: ConfigRule = {
  name: "port-numbers",
  description: "Every port is an integer from 1 to 65535.",
  reads: ["coturn", "ess.matrixRTC"],
  check(config) {
    return portUses(config)
      .filter((use) => use.start === use.end && !isValidPort(use.start))
      .map((use) => ({
        path: use.path,
        value: use.start,
        message: "is not a valid port number",
        allowed: "an integer from 1 to 65535",
        fix: `set ${use.path} to a port from 1 to 65535`,
      }));
  },
};

export const portRangesRule: ConfigRule = {
  name: "port-ranges",
  description: "A port range starts at or before its end.",
  reads: ["coturn.relayPortRange", "ess.matrixRTC.sfu.rtcUdpPortRange"],
  check(config) {
    return portUses(config)
      .filter((use) => use.path.endsWith("Range") && use.start > use.end)
      .map((use) => ({
        path: use.path,
        value: { start: use.start, end: use.end },
        message: "starts after its end",
        allowed: "a range whose start is at most its end",
        fix: `swap ${use.path}.start and ${use.path}.end`,
      }));
  },
};

function describeOther(other: PortUse): string {
  const note = other.explicit ? "" : ", the default";
  return `${other.path} (${describeUse(other)}${note})`;
}

function collisionIssue(use: PortUse, others: PortUse[]): RuleIssue {
  const value =
    use.start === use.end ? use.start : { start: use.start, end: use.end };
  return {
    path: use.path,
    value,
    message: `overlaps ${others.map(describeOther).join(", ")}`,
    allowed: "a port or range that no other port or range of the stack uses",
    fix: `move ${use.path} clear of ${others.map(describeUse).join(", ")}`,
  };
}

/** Pairs of overlapping uses, keyed by the one to report. */
function overlaps(uses: PortUse[]): Map<PortUse, PortUse[]> {
  const found = new Map<PortUse, PortUse[]>();
  uses.forEach((use, i) => {
    for (const other of uses.slice(i + 1)) {
      if (use.start > other.end || other.start > use.end) {
        continue;
      }
      // Report the one the user set, so the fix lands where they typed.
      const [reported, kept] = other.explicit ? [other, use] : [use, other];
      found.set(reported, [...(found.get(reported) ?? []), kept]);
    }
  });
  return found;
}

export const portCollisionsRule: ConfigRule = {
  name: "port-collisions",
  description:
    "coturn's ports and relay range and the SFU's NodePorts and UDP range " +
    "do not overlap, because they all open on the same node.",
  reads: ["coturn", "ess.matrixRTC"],
  check(config) {
    const found = overlaps(portUses(config).filter(isValidUse));
    return [...found].map(([use, others]) =>
      collisionIssue(
        use,
        others.sort((a, b) => a.start - b.start),
      ),
    );
  },
};

export const nodePortRangeRule: ConfigRule = {
  name: "node-port-range",
  description:
    `The SFU's NodePorts lie in Kubernetes' NodePort range, ` +
    `${NODE_PORT_MIN}-${NODE_PORT_MAX}; the API server rejects others.`,
  reads: ["ess.matrixRTC"],
  check(config) {
    return portUses(config)
      .filter((use) => use.nodePort && isValidUse(use))
      .filter((use) => use.start < NODE_PORT_MIN || use.end > NODE_PORT_MAX)
      .map((use) => ({
        path: use.path,
        value:
          use.start === use.end
            ? use.start
            : { start: use.start, end: use.end },
        message: `is outside the NodePort range ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        allowed: `a port from ${NODE_PORT_MIN} to ${NODE_PORT_MAX}`,
        fix: `pick ${use.start === use.end ? "a port" : "a range"} from ${NODE_PORT_MIN} to ${NODE_PORT_MAX}`,
      }));
  },
};

/** A port that something other than the stack's own config opens. */
interface ReservedPort {
  port: number;
  owner: string;
}

/**
 * Lists the node ports that K3S and the monitoring stack hold. coturn runs
 * on the host network, so it cannot bind any of them.
 */
function reservedPorts(config: StackConfig): ReservedPort[] {
  const reserved: ReservedPort[] = [
    { port: 80, owner: "Traefik's web entrypoint through K3S ServiceLB" },
    {
      port: 443,
      owner: "Traefik's websecure entrypoint through K3S ServiceLB",
    },
    { port: 6443, owner: "the Kubernetes API server" },
    { port: 10250, owner: "the kubelet API" },
  ];
  const monitoring = config.monitoring ?? {};
  const monitored = monitoring.enabled ?? DEFAULTS.monitoring.enabled;
  const nodeExporter =
    monitoring.nodeExporter?.enabled ??
    DEFAULTS.monitoring.nodeExporter.enabled;
  if (monitored && nodeExporter) {
    reserved.push({ port: 9100, owner: "node-exporter" });
  }
  return reserved;
}

function reservedIssue(use: PortUse, taken: ReservedPort[]): RuleIssue {
  const owners = taken.map((held) => `${held.port} (${held.owner})`);
  return {
    path: use.path,
    value:
      use.start === use.end ? use.start : { start: use.start, end: use.end },
    message: `overlaps a port already open on the node: ${owners.join(", ")}`,
    allowed: `a port or range clear of ${taken.map((held) => held.port).join(", ")}`,
    fix: `move ${use.path} clear of ${taken.map((held) => held.port).join(", ")}`,
  };
}

export const reservedPortsRule: ConfigRule = {
  name: "reserved-ports",
  description:
    "coturn's ports and relay range avoid the node ports that K3S and " +
    "monitoring hold: 80 and 443 (Traefik through ServiceLB), 6443 (API " +
    "server), 10250 (kubelet) and 9100 (node-exporter), because coturn " +
    "runs on the host network.",
  reads: ["coturn", "monitoring"],
  check(config) {
    const reserved = reservedPorts(config);
    return coturnPorts(config)
      .filter(isValidUse)
      .flatMap((use) => {
        const taken = reserved.filter(
          (held) => held.port >= use.start && held.port <= use.end,
        );
        return taken.length === 0 ? [] : [reservedIssue(use, taken)];
      });
  },
};
