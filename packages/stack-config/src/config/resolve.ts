import { resolveCaps, type CallCaps } from "@axion-stack/call-caps";
import { DEFAULT_HOST_LABELS, DEFAULTS } from "./defaults.js";
import type {
  AlloyChartVersion,
  AuthentikChartVersion,
  Duration,
  EssChartVersion,
  PortRange,
  Quantity,
  RoomPublicationRule,
  SetupSiteConfig,
  StackConfig,
} from "./model.js";
import {
  resolveBackups,
  resolvePostgres,
  type ResolvedBackups,
  type ResolvedPostgres,
} from "./postgres.js";
import { resolveSecrets, type SecretSpec } from "./secrets.js";
import { resolveSso, type ResolvedSso } from "./sso.js";

/** Public hostnames, all filled in. */
export interface ResolvedHosts {
  synapse: string;
  matrixAuthenticationService: string;
  elementWeb: string;
  elementAdmin: string;
  matrixRTC: string;
  matrixRTCTurn: string;
  turn: string;
  authentik: string;
}

/**
 * The config after defaults are filled and everything derivable is derived.
 * Generators read only this, never the raw `StackConfig`.
 */
export interface ResolvedStack {
  serverName: string;
  brand: string;
  hosts: ResolvedHosts;
  /** `https://` base URLs of the web services, without a trailing slash. */
  urls: Record<keyof ResolvedHosts, string>;
  cluster: {
    name: string;
    distribution: "k3s";
    ingressClassName: string;
    clusterIssuer: string;
    nodes: number;
    storageClassName: string | undefined;
    publicIP: string | undefined;
    clientsOnLan: boolean;
  };
  flux: {
    path: string;
    gitRepository: string;
    namespace: string;
    interval: Duration;
    sourceInterval: Duration;
  };
  ess: {
    chartVersion: EssChartVersion;
    namespace: string;
    releaseName: string;
    synapse: {
      enabled: boolean;
      maxUploadSize: string;
      mediaStorageSize: Quantity;
    };
    matrixAuthenticationService: { enabled: boolean };
    elementWeb: { enabled: boolean };
    elementAdmin: { enabled: boolean };
    matrixRTC: {
      enabled: boolean;
      sfu: {
        useStunToDiscoverPublicIP: boolean;
        manualIP: string | undefined;
        rtcTcpPort: number;
        rtcMuxedUdpPort: number;
        rtcUdpPortRange: PortRange | undefined;
        turn: { enabled: boolean; udpPort: number; tlsPort: number };
      };
    };
  };
  policies: {
    retention: {
      enabled: boolean;
      minLifetime: Duration;
      maxLifetime: Duration;
      defaultMaxLifetime: Duration | undefined;
    };
    roomDirectory: { publicationRules: Required<RoomPublicationRule>[] };
    autoJoinRooms: { rooms: string[]; autoCreate: boolean };
    /** Server names Synapse federates with; undefined keeps it open. */
    federationAllowlist: string[] | undefined;
  };
  authentik: {
    enabled: boolean;
    chartVersion: AuthentikChartVersion;
    namespace: string;
    postgresql: "embedded";
  };
  /** Single sign-on between MAS and Authentik, derived in `sso.ts`. */
  sso: ResolvedSso;
  coturn: {
    enabled: boolean;
    image: string;
    port: number;
    tlsPort: number;
    relayPortRange: PortRange;
    credentialLifetime: Duration;
  };
  monitoring: {
    enabled: boolean;
    namespace: string;
    prometheusUrl: string | undefined;
    lokiUrl: string | undefined;
    chartVersions: {
      alloy: AlloyChartVersion;
      kubeStateMetrics: "8.4.0";
      nodeExporter: "4.56.1";
    };
    kubeStateMetrics: { enabled: boolean };
    nodeExporter: { enabled: boolean };
  };
  privacy: {
    bugReportEndpointUrl: string | undefined;
    mapStyleUrl: string | undefined;
    alloyUsageReporting: boolean;
    synapseReportStats: boolean;
    authentikErrorReporting: boolean;
  };
  /** The desktop-setup site, served under `path` on the Element Web host. */
  setupSite: ResolvedSetupSite;
  /** Element Call's media caps and Element Web's call settings. */
  elementCall: ResolvedElementCall;
  /** PostgreSQL for Synapse and MAS, derived in `postgres.ts`. */
  postgres: ResolvedPostgres;
  /** Off-site backups; undefined when no object store is configured. */
  backups: ResolvedBackups | undefined;
  network: { apiServerCIDRs: string[] | undefined };
  /** Pod Security levels set in the config, by component. */
  podSecurityLevels: Record<string, "restricted" | "baseline" | "privileged">;
  /**
   * Every Secret the tree expects, by id. A value that two components share
   * has one entry here, so both read the same Secret key.
   */
  secrets: Record<string, SecretSpec>;
}

function hostFor(serverName: string, label: string): string {
  return label === "" ? serverName : `${label}.${serverName}`;
}

function resolveHosts(config: StackConfig): ResolvedHosts {
  const hosts = {} as ResolvedHosts;
  for (const [key, label] of Object.entries(DEFAULT_HOST_LABELS)) {
    const name = key as keyof ResolvedHosts;
    hosts[name] = config.hosts?.[name] ?? hostFor(config.serverName, label);
  }
  return hosts;
}

/**
 * Fills defaults and derives hostnames, URLs and Secret references. The
 * config must have passed validation first; this function does not check it.
 */
export function resolveStack(config: StackConfig): ResolvedStack {
  const hosts = resolveHosts(config);
  const urls = Object.fromEntries(
    Object.entries(hosts).map(([key, host]) => [key, `https://${host}`]),
  ) as Record<keyof ResolvedHosts, string>;

  const ess = config.ess ?? {};
  const sfu = ess.matrixRTC?.sfu ?? {};
  const policies = config.policies ?? {};
  const monitoring = config.monitoring ?? {};

  const withoutSecrets: Omit<ResolvedStack, "secrets"> = {
    serverName: config.serverName,
    brand: config.brand ?? DEFAULTS.brand,
    hosts,
    urls,
    cluster: {
      ...DEFAULTS.cluster,
      ...config.cluster,
      storageClassName: config.cluster?.storageClassName,
      publicIP: config.cluster?.publicIP,
    },
    flux: { ...DEFAULTS.flux, ...config.flux },
    ess: {
      chartVersion: ess.chartVersion ?? DEFAULTS.ess.chartVersion,
      namespace: ess.namespace ?? DEFAULTS.ess.namespace,
      releaseName: ess.releaseName ?? DEFAULTS.ess.releaseName,
      synapse: { ...DEFAULTS.ess.synapse, ...ess.synapse },
      matrixAuthenticationService: {
        ...DEFAULTS.ess.matrixAuthenticationService,
        ...ess.matrixAuthenticationService,
      },
      elementWeb: { ...DEFAULTS.ess.elementWeb, ...ess.elementWeb },
      elementAdmin: { ...DEFAULTS.ess.elementAdmin, ...ess.elementAdmin },
      matrixRTC: {
        enabled: ess.matrixRTC?.enabled ?? DEFAULTS.ess.matrixRTC.enabled,
        sfu: {
          ...DEFAULTS.ess.matrixRTC.sfu,
          ...sfu,
          manualIP: sfu.manualIP,
          rtcUdpPortRange: sfu.rtcUdpPortRange,
          turn: { ...DEFAULTS.ess.matrixRTC.sfu.turn, ...sfu.turn },
        },
      },
    },
    policies: {
      retention: {
        ...DEFAULTS.policies.retention,
        ...policies.retention,
        defaultMaxLifetime: policies.retention?.defaultMaxLifetime,
      },
      roomDirectory: {
        publicationRules: (
          policies.roomDirectory?.publicationRules ??
          DEFAULTS.policies.roomDirectory.publicationRules
        ).map((rule) => ({
          action: rule.action,
          userId: "userId" in rule ? (rule.userId ?? "*") : "*",
          alias: "alias" in rule ? (rule.alias ?? "*") : "*",
          roomId: "roomId" in rule ? (rule.roomId ?? "*") : "*",
        })),
      },
      autoJoinRooms: {
        rooms: [
          ...(policies.autoJoinRooms?.rooms ??
            DEFAULTS.policies.autoJoinRooms.rooms),
        ],
        autoCreate:
          policies.autoJoinRooms?.autoCreate ??
          DEFAULTS.policies.autoJoinRooms.autoCreate,
      },
      federationAllowlist: policies.federation?.allowlist?.slice(),
    },
    authentik: { ...DEFAULTS.authentik, ...config.authentik },
    sso: resolveSso(config.sso, {
      serverName: config.serverName,
      urls,
      masEnabled:
        ess.matrixAuthenticationService?.enabled ??
        DEFAULTS.ess.matrixAuthenticationService.enabled,
      authentikEnabled: config.authentik?.enabled ?? DEFAULTS.authentik.enabled,
    }),
    coturn: {
      ...DEFAULTS.coturn,
      ...config.coturn,
      relayPortRange: {
        ...(config.coturn?.relayPortRange ?? DEFAULTS.coturn.relayPortRange),
      },
    },
    monitoring: {
      enabled: monitoring.enabled ?? DEFAULTS.monitoring.enabled,
      namespace: monitoring.namespace ?? DEFAULTS.monitoring.namespace,
      prometheusUrl: monitoring.prometheusUrl,
      lokiUrl: monitoring.lokiUrl,
      chartVersions: {
        ...DEFAULTS.monitoring.chartVersions,
        ...monitoring.chartVersions,
      },
      kubeStateMetrics: {
        ...DEFAULTS.monitoring.kubeStateMetrics,
        ...monitoring.kubeStateMetrics,
      },
      nodeExporter: {
        ...DEFAULTS.monitoring.nodeExporter,
        ...monitoring.nodeExporter,
      },
    },
    privacy: {
      ...DEFAULTS.privacy,
      ...config.privacy,
      bugReportEndpointUrl: config.privacy?.bugReportEndpointUrl,
      mapStyleUrl: config.privacy?.mapStyleUrl,
    },
    setupSite: resolveSetupSite(config, hosts.elementWeb),
    elementCall: resolveElementCall(config),
    postgres: resolvePostgres(config, ess.namespace ?? DEFAULTS.ess.namespace),
    backups: resolveBackups(config.backups),
    network: { apiServerCIDRs: config.network?.apiServerCIDRs?.slice() },
    podSecurityLevels: Object.fromEntries(
      (config.podSecurity?.levels ?? []).map((e) => [e.workload, e.level]),
    ),
  };

  return { ...withoutSecrets, secrets: resolveSecrets(withoutSecrets) };
}

/** The desktop-setup site after defaults are filled. */
export interface ResolvedSetupSite {
  enabled: boolean;
  /** URL path with a slash at both ends, such as `/docs/setup/`. */
  path: string;
  /** Public URL of the site, ending in a slash. */
  url: string;
  defaultTheme: NonNullable<SetupSiteConfig["defaultTheme"]>;
  image: string;
  elementDesktop: {
    downloadBaseUrl: string;
    flatpakAppId: string;
    version: string | undefined;
    windowsSigner: string;
  };
}

function resolveSetupSite(
  config: StackConfig,
  host: string,
): ResolvedSetupSite {
  const site = config.setupSite ?? {};
  const defaults = DEFAULTS.setupSite;
  const path = site.path ?? defaults.path;
  return {
    enabled: site.enabled ?? defaults.enabled,
    path,
    url: `https://${host}${path}`,
    defaultTheme: site.defaultTheme ?? defaults.defaultTheme,
    image: site.image ?? defaults.image,
    elementDesktop: {
      ...defaults.elementDesktop,
      ...site.elementDesktop,
      version: site.elementDesktop?.version,
    },
  };
}

/** Element Call's caps after the profile and explicit values are combined. */
export interface ResolvedElementCall {
  /** Deploy the caps overlay; it needs Element Web. */
  enabled: boolean;
  profile: "low" | "balanced" | "high";
  caps: CallCaps;
  wellKnownCaps: boolean;
  participantLimit: number | undefined;
}

function resolveElementCall(config: StackConfig): ResolvedElementCall {
  const call = config.elementCall ?? {};
  const defaults = DEFAULTS.elementCall;
  const elementWeb = config.ess?.elementWeb?.enabled ?? true;
  const profile = call.profile ?? defaults.profile;
  return {
    enabled: (call.enabled ?? defaults.enabled) && elementWeb,
    profile,
    caps: resolveCaps(profile, {
      camera: call.camera,
      screenShare: call.screenShare,
      audio: call.audio,
      videoCodec: call.videoCodec,
    }),
    wellKnownCaps: call.wellKnownCaps ?? defaults.wellKnownCaps,
    participantLimit: call.participantLimit,
  };
}
