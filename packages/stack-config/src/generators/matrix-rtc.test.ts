import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import {
  advertisedIP,
  generateMatrixRTC,
  LIVEKIT_API_KEY,
  matrixRTCValues,
  turnTlsRoute,
} from "./matrix-rtc.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

/** Returns the enabled MatrixRTC values, failing when MatrixRTC is off. */
function enabledValues(stack = stackWith()) {
  const values = matrixRTCValues(stack);
  if (!values.enabled) {
    throw new Error("expected MatrixRTC to be enabled");
  }
  return values;
}

describe("matrixRTCValues", () => {
  it("switches MatrixRTC off without a route", () => {
    const stack = stackWith({ ess: { matrixRTC: { enabled: false } } });
    const manifests = generateMatrixRTC(stack);

    expect(matrixRTCValues(stack)).toEqual({ enabled: false });
    expect(manifests.map((entry) => entry.path)).toEqual([
      "apps/ess/values-matrix-rtc.yaml",
    ]);
  });

  it("shares one LiveKit key pair by Secret", () => {
    expect(enabledValues().livekitAuth).toEqual({
      key: LIVEKIT_API_KEY,
      secret: {
        secret: "ess-matrix-rtc-credentials",
        secretKey: "livekit-secret",
      },
    });
  });

  it("exposes the configured NodePorts", () => {
    const services = enabledValues().sfu.exposedServices;

    expect(services.rtcTcp).toEqual({
      enabled: true,
      portType: "NodePort",
      port: 30001,
    });
    expect(services.rtcMuxedUdp.port).toBe(30002);
    expect(services.rtcUdp.enabled).toBe(false);
    expect(services.turn).toEqual({
      enabled: true,
      portType: "NodePort",
      port: 30004,
    });
  });

  it("uses a UDP range instead of the muxed port", () => {
    const stack = stackWith({
      ess: {
        matrixRTC: { sfu: { rtcUdpPortRange: { start: 31100, end: 31200 } } },
      },
    });
    const services = enabledValues(stack).sfu.exposedServices;

    expect(services.rtcMuxedUdp.enabled).toBe(false);
    expect(services.rtcUdp).toEqual({
      enabled: true,
      portType: "NodePort",
      portRange: { startPort: 31100, endPort: 31200 },
    });
  });

  it.each([
    ["26.4.0", "NodePort"],
    ["26.8.1", "ClusterIP"],
  ] as const)("%s exposes TURN over TLS as %s", (chartVersion, portType) => {
    const stack = stackWith({ ess: { chartVersion } });
    const turnTLS = enabledValues(stack).sfu.exposedServices.turnTLS;

    expect(turnTLS).toEqual({
      enabled: true,
      portType,
      port: 30003,
      domain: "mrtc-turn.example.org",
      tlsTerminationOnPod: true,
    });
  });

  it("turns LiveKit's TURN off without a route", () => {
    const stack = stackWith({
      ess: { matrixRTC: { sfu: { turn: { enabled: false } } } },
    });
    const services = enabledValues(stack).sfu.exposedServices;

    expect(services.turn.enabled).toBe(false);
    expect(services.turnTLS.enabled).toBe(false);
    expect(generateMatrixRTC(stack)).toHaveLength(1);
  });

  it("rejects a TURN domain that an HTTP Ingress uses", () => {
    const stack = stackWith({
      hosts: { matrixRTCTurn: "matrix.example.org" },
    });

    expect(() => matrixRTCValues(stack)).toThrow(
      /hosts\.matrixRTCTurn is "matrix\.example\.org", which hosts\.synapse also uses/,
    );
  });
});

describe("advertisedIP", () => {
  it.each([
    {
      name: "manualIP over publicIP",
      sfu: { manualIP: "198.51.100.7" },
      publicIP: "203.0.113.10",
      expected: "198.51.100.7",
    },
    {
      name: "publicIP without STUN",
      sfu: {},
      publicIP: "203.0.113.10",
      expected: "203.0.113.10",
    },
    {
      name: "the node's address without either",
      sfu: {},
      publicIP: undefined,
      expected: undefined,
    },
    {
      name: "STUN's answer when STUN is on",
      sfu: { useStunToDiscoverPublicIP: true },
      publicIP: "203.0.113.10",
      expected: undefined,
    },
  ])("advertises $name", ({ sfu, publicIP, expected }) => {
    const stack = stackWith({
      cluster: publicIP === undefined ? {} : { publicIP },
      ess: { matrixRTC: { sfu } },
    });

    expect(advertisedIP(stack)).toBe(expected);
    expect(enabledValues(stack).sfu.manualIP).toBe(expected);
  });

  it("keeps STUN off by default", () => {
    expect(enabledValues().sfu.useStunToDiscoverPublicIP).toBe(false);
  });
});

describe("turnTlsRoute", () => {
  it("passes TLS through by SNI to the chart's Service", () => {
    const route = turnTlsRoute(stackWith({ ess: { releaseName: "chat" } }));

    expect(route).toMatchObject({
      apiVersion: "traefik.io/v1alpha1",
      kind: "IngressRouteTCP",
      metadata: { name: "chat-matrix-rtc-sfu-turn-tls", namespace: "matrix" },
      spec: {
        entryPoints: ["websecure"],
        routes: [
          {
            match: "HostSNI(`mrtc-turn.example.org`)",
            services: [{ name: "chat-matrix-rtc-sfu-turn-tls", port: 30003 }],
          },
        ],
        tls: { passthrough: true },
      },
    });
  });

  it("is emitted with the values by default", () => {
    const paths = generateMatrixRTC(stackWith()).map((entry) => entry.path);

    expect(paths).toEqual([
      "apps/ess/values-matrix-rtc.yaml",
      "apps/ess/matrix-rtc-turn-tls-route.yaml",
    ]);
  });
});
