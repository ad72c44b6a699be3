import { defineStack } from "@axion-stack/stack-config";

/** The aXion1337.Chat deployment. */
export default defineStack({
  serverName: "axion1337.chat",
  brand: "aXion1337.Chat",
  cluster: {
    name: "axion1337",
    distribution: "k3s",
    ingressClassName: "traefik",
    clusterIssuer: "letsencrypt",
    nodes: 1,
  },
  ess: {
    chartVersion: "26.4.0",
    matrixRTC: {
      sfu: {
        // The node's public address is not pinned in this config, so LiveKit
        // asks a public STUN server for it at start-up. Setting
        // cluster.publicIP instead keeps that lookup off.
        useStunToDiscoverPublicIP: true,
      },
    },
  },
  policies: {
    retention: { enabled: true, minLifetime: "1d", maxLifetime: "1y" },
    roomDirectory: { publicationRules: [{ action: "allow" }] },
    autoJoinRooms: {
      rooms: ["#welcome:axion1337.chat", "#announcements:axion1337.chat"],
      autoCreate: true,
    },
  },
  coturn: {
    relayPortRange: { start: 49152, end: 65535 },
  },
  monitoring: {
    prometheusUrl: "http://10.0.0.3:9090",
    lokiUrl: "http://10.0.0.3:3100",
  },
});
