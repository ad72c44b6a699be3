/**
 * Default values of the stack config, one place for all of them.
 *
 * Hostnames are not here because they derive from `serverName`; see
 * `resolveStack`.
 */
export const DEFAULTS = {
  brand: "Element",
  cluster: {
    name: "production",
    distribution: "k3s",
    ingressClassName: "traefik",
    clusterIssuer: "letsencrypt",
    nodes: 1,
    clientsOnLan: false,
  },
  flux: {
    path: "./flux",
    gitRepository: "flux-system",
    namespace: "flux-system",
    interval: "10m",
    sourceInterval: "1h",
  },
  ess: {
    chartVersion: "26.4.0",
    namespace: "matrix",
    releaseName: "ess",
    synapse: { enabled: true, maxUploadSize: "100M", mediaStorageSize: "50Gi" },
    matrixAuthenticationService: { enabled: true },
    elementWeb: { enabled: true },
    elementAdmin: { enabled: true },
    matrixRTC: {
      enabled: true,
      sfu: {
        useStunToDiscoverPublicIP: false,
        rtcTcpPort: 30001,
        rtcMuxedUdpPort: 30002,
        turn: { enabled: true, udpPort: 30004, tlsPort: 30003 },
      },
    },
  },
  policies: {
    retention: { enabled: true, minLifetime: "1d", maxLifetime: "1y" },
    roomDirectory: { publicationRules: [{ action: "allow" }] },
    autoJoinRooms: { rooms: [], autoCreate: true },
  },
  authentik: {
    enabled: true,
    chartVersion: "2026.8.0",
    namespace: "authentik",
    postgresql: "embedded",
  },
  sso: {
    clientId: "matrix-authentication-service",
    clientSecret: { secret: "matrix-oidc-client", key: "client-secret" },
    invitations: { expiry: "7d", singleUse: true },
  },
  coturn: {
    enabled: true,
    image: "docker.io/coturn/coturn:4.6.3",
    port: 3478,
    tlsPort: 5349,
    relayPortRange: { start: 49152, end: 65535 },
    credentialLifetime: "1d",
  },
  monitoring: {
    enabled: true,
    namespace: "monitoring",
    chartVersions: {
      alloy: "1.11.1",
      kubeStateMetrics: "8.4.0",
      nodeExporter: "4.56.1",
    },
    kubeStateMetrics: { enabled: true },
    nodeExporter: { enabled: true },
  },
  privacy: {
    alloyUsageReporting: false,
    synapseReportStats: false,
    authentikErrorReporting: false,
  },
  setupSite: {
    enabled: true,
    path: "/docs/setup/",
    defaultTheme: "aXion1337 Dark",
    image: "docker.io/nginxinc/nginx-unprivileged:1.28.0-alpine",
    elementDesktop: {
      downloadBaseUrl: "https://packages.element.io",
      flatpakAppId: "im.riot.Riot",
      windowsSigner: "Element",
    },
  },
  elementCall: {
    enabled: true,
    profile: "balanced",
    wellKnownCaps: true,
  },
  postgres: {
    mode: "cloudnative-pg",
    instances: 1,
    majorVersion: "17",
    storageSize: "20Gi",
    resources: {
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { memory: "1Gi" },
    },
  },
  backups: {
    path: "/",
    retention: "30d",
    databaseSchedule: "0 0 3 * * *",
    media: {
      enabled: true,
      schedule: "30 3 * * *",
      keepDaily: 30,
      keepMonthly: 6,
      image: "docker.io/restic/restic:0.18.0",
    },
  },
} as const;

/** Subdomain of `serverName` that each host defaults to; "" is the apex. */
export const DEFAULT_HOST_LABELS = {
  synapse: "matrix",
  matrixAuthenticationService: "account",
  elementWeb: "",
  elementAdmin: "admin",
  matrixRTC: "mrtc",
  matrixRTCTurn: "mrtc-turn",
  turn: "turn",
  authentik: "auth",
} as const;

/**
 * Namespaces whose pods need host access, so Pod Security `privileged` is
 * limited to them and every other namespace stays `restricted`.
 */
export const HOST_ACCESS_NAMESPACES = {
  /** coturn, on the host network for its relay port range. */
  coturn: "coturn",
  /** The node exporter, with the host's network, PIDs and filesystem. */
  nodeExporter: "monitoring-host",
} as const;
