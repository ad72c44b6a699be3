/**
 * MatrixRTC: the LiveKit SFU that Element Call uses, its JWT service, and
 * LiveKit's built-in TURN server. TURN over TLS is advertised on
 * `<domain>:443`, which the chart does not route, so this file adds a
 * Traefik `IngressRouteTCP` that passes those TLS connections through by
 * SNI to the SFU. The chart itself requests the domain's certificate from
 * cert-manager when `certManager` is set and the Certificate API exists.
 */
import type {
  MatrixRTCSectionV26_4_0,
  MatrixRTCSectionV26_8_1,
  SfuPortTypeV26_8_1,
  SfuValuesV26_4_0,
  SfuValuesV26_8_1,
} from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";
import { DISABLED, ESS_DIR, essSecretRef, essValuesManifest } from "./ess.js";
import type { Generator, JsonObject } from "./types.js";

/** API key name of the LiveKit key pair; the chart's default in 26.4.0. */
export const LIVEKIT_API_KEY = "matrix-rtc";

/** Traefik's HTTPS entry point on K3S, port 443. */
export const TRAEFIK_HTTPS_ENTRY_POINT = "websecure";

/** Returns the name of the Service the chart creates for TURN over TLS. */
export function turnTlsServiceName(stack: ResolvedStack): string {
  return `${stack.ess.releaseName}-matrix-rtc-sfu-turn-tls`;
}

/**
 * Returns the IP the SFU advertises: `manualIP`, else `cluster.publicIP`.
 * Undefined lets the chart advertise the node's own address
 * (`status.hostIP`), which is public on a node with a public interface.
 * The SFU queries Google's STUN server only when the config turns that
 * on, because that request goes to a third party.
 */
export function advertisedIP(stack: ResolvedStack): string | undefined {
  const { sfu } = stack.ess.matrixRTC;
  if (sfu.manualIP !== undefined || sfu.useStunToDiscoverPublicIP) {
    return sfu.manualIP;
  }
  return stack.cluster.publicIP;
}

/**
 * Checks that no HTTP Ingress uses the TURN over TLS domain: Traefik would
 * pass that host's HTTPS connections to the SFU instead.
 */
export function assertTurnDomainIsFree(stack: ResolvedStack): void {
  const domain = stack.hosts.matrixRTCTurn;
  const httpHosts = Object.entries(stack.hosts).filter(
    ([key]) => key !== "matrixRTCTurn" && key !== "turn",
  );
  const clash = [["serverName", stack.serverName], ...httpHosts].find(
    ([, host]) => host === domain,
  );
  if (clash !== undefined) {
    const owner =
      clash[0] === "serverName" ? "serverName" : `hosts.${clash[0]}`;
    throw new Error(
      `hosts.matrixRTCTurn is "${domain}", which ${owner} also uses. ` +
        "TURN over TLS passes every TLS connection for its domain to the " +
        "SFU, so it needs a host of its own, such as mrtc-turn." +
        `${stack.serverName}.`,
    );
  }
}

function sfuValues<P extends SfuPortTypeV26_8_1>(
  stack: ResolvedStack,
  turnTlsPortType: P,
) {
  const { sfu } = stack.ess.matrixRTC;
  const range = sfu.rtcUdpPortRange;
  const ip = advertisedIP(stack);
  const nodePort = (enabled: boolean, port: number) => ({
    enabled,
    portType: "NodePort" as const,
    port,
  });

  return {
    enabled: true as const,
    useStunToDiscoverPublicIP: sfu.useStunToDiscoverPublicIP,
    ...(ip === undefined ? {} : { manualIP: ip }),
    exposedServices: {
      rtcTcp: nodePort(true, sfu.rtcTcpPort),
      rtcMuxedUdp: nodePort(range === undefined, sfu.rtcMuxedUdpPort),
      rtcUdp: {
        enabled: range !== undefined,
        portType: "NodePort" as const,
        portRange: {
          startPort: range?.start ?? 31000,
          endPort: range?.end ?? 32000,
        },
      },
      turn: nodePort(sfu.turn.enabled, sfu.turn.udpPort),
      turnTLS: {
        enabled: sfu.turn.enabled,
        portType: turnTlsPortType,
        port: sfu.turn.tlsPort,
        domain: stack.hosts.matrixRTCTurn,
        tlsTerminationOnPod: true,
      },
    },
  };
}

/**
 * Builds the `matrixRTC` values. Traefik reaches TURN over TLS inside the
 * cluster, so 26.8.1 keeps its Service a ClusterIP; 26.4.0 has no
 * ClusterIP port type and opens a NodePort.
 */
export function matrixRTCValues(
  stack: ResolvedStack,
): MatrixRTCSectionV26_4_0 | MatrixRTCSectionV26_8_1 {
  if (!stack.ess.matrixRTC.enabled) {
    return DISABLED;
  }
  assertTurnDomainIsFree(stack);
  const secret = essSecretRef(stack, "matrixRTCCredentials", "livekit-secret");
  const sfu: SfuValuesV26_4_0 | SfuValuesV26_8_1 =
    stack.ess.chartVersion === "26.8.1"
      ? sfuValues(stack, "ClusterIP")
      : sfuValues(stack, "NodePort");

  return {
    enabled: true,
    ingress: { host: stack.hosts.matrixRTC },
    livekitAuth: { key: LIVEKIT_API_KEY, secret },
    sfu,
  } as MatrixRTCSectionV26_4_0 | MatrixRTCSectionV26_8_1;
}

/** Builds the Traefik route that passes TURN over TLS through by SNI. */
export function turnTlsRoute(stack: ResolvedStack): JsonObject {
  const name = turnTlsServiceName(stack);
  return {
    apiVersion: "traefik.io/v1alpha1",
    kind: "IngressRouteTCP",
    metadata: {
      name,
      namespace: stack.ess.namespace,
      labels: { ...MANAGED_BY_LABELS },
    },
    spec: {
      entryPoints: [TRAEFIK_HTTPS_ENTRY_POINT],
      routes: [
        {
          match: `HostSNI(\`${stack.hosts.matrixRTCTurn}\`)`,
          services: [{ name, port: stack.ess.matrixRTC.sfu.turn.tlsPort }],
        },
      ],
      tls: { passthrough: true },
    },
  };
}

/** Renders the `matrixRTC` values and, with TURN on, its TLS route. */
export const generateMatrixRTC: Generator = (stack) => {
  const { matrixRTC } = stack.ess;
  const manifests = [
    essValuesManifest(stack, "matrix-rtc", {
      matrixRTC: matrixRTCValues(stack),
    }),
  ];
  if (matrixRTC.enabled && matrixRTC.sfu.turn.enabled) {
    manifests.push({
      path: `${ESS_DIR}/matrix-rtc-turn-tls-route.yaml`,
      document: turnTlsRoute(stack),
    });
  }
  return manifests;
};
