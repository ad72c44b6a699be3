/**
 * The stack config: what an operator writes in `stack.config.ts`.
 *
 * Every key is documented here because the JSON Schema, the config reference
 * in `docs/` and the editor completion are all generated from these types.
 * Optional keys get their value from `defaults.ts` when the config is
 * resolved; the `@default` tags below state the same values for the docs.
 */

import type { ThemeName } from "@axion-stack/themes";

/** A Kubernetes quantity such as `10Gi` or `500m`. */
export type Quantity = string;

/**
 * A duration such as `10m` or `1d`. Flux intervals take Go's units (ms, s,
 * m, h); Synapse durations also take d, w and y. The durations rule checks
 * each key against its format.
 */
export type Duration = string;

/** The whole deployment: one Matrix server and everything around it. */
export interface StackConfig {
  /**
   * The Matrix server name: the domain in every user ID
   * (`@alice:axion1337.chat`). It cannot change after the first deployment.
   * @example "axion1337.chat"
   */
  serverName: string;

  /**
   * Name of the service as users see it in Element Web and the setup site.
   * @default "Element"
   * @example "aXion1337.Chat"
   */
  brand?: string;

  /** Public hostnames. Each defaults to a name under `serverName`. */
  hosts?: HostsConfig;

  /** Facts about the Kubernetes cluster that runs the stack. */
  cluster?: ClusterConfig;

  /** Location of the tree in Git and the Flux reconcile intervals. */
  flux?: FluxConfig;

  /** Element Server Suite: the `matrix-stack` Helm chart and its components. */
  ess?: EssConfig;

  /** Room and retention policies that Synapse enforces. */
  policies?: PoliciesConfig;

  /** Authentik, the identity provider behind MAS. */
  authentik?: AuthentikConfig;

  /** Single sign-on: MAS logs users in through Authentik with OpenID Connect. */
  sso?: SsoConfig;

  /** coturn, the TURN server for legacy 1:1 calls. */
  coturn?: CoturnConfig;

  /** Metrics and logs shipped to an existing Prometheus and Loki. */
  monitoring?: MonitoringConfig;

  /**
   * Everything that would send data to a third party. Each one is off unless
   * it is set here.
   */
  privacy?: PrivacyConfig;

  /** The desktop-setup site and the setup scripts it offers. */
  setupSite?: SetupSiteConfig;

  /**
   * Element Call with media caps that the browser enforces: the most each
   * participant may capture and send, per media kind.
   */
  elementCall?: ElementCallConfig;

  /** PostgreSQL for Synapse and MAS, run by the CloudNativePG operator. */
  postgres?: PostgresConfig;

  /**
   * Off-site backups of the database and the media store to S3-compatible
   * object storage. Unset means no backups leave the cluster.
   */
  backups?: BackupsConfig;

  /** NetworkPolicy inputs that the cluster's layout decides. */
  network?: NetworkConfig;

  /** Pod Security Admission levels that tighten or relax the defaults. */
  podSecurity?: PodSecurityConfig;
}

/** Public hostnames of the stack's web services. */
export interface HostsConfig {
  /**
   * Synapse, the homeserver (client and federation API).
   * @default "matrix.<serverName>"
   */
  synapse?: string;
  /**
   * Matrix Authentication Service (login, registration, account pages).
   * @default "account.<serverName>"
   */
  matrixAuthenticationService?: string;
  /**
   * Element Web. The apex also serves `/.well-known/matrix/*`.
   * @default "<serverName>"
   */
  elementWeb?: string;
  /**
   * Element Admin, the server administration web app.
   * @default "admin.<serverName>"
   */
  elementAdmin?: string;
  /**
   * MatrixRTC backend: the LiveKit JWT service (`livekit_service_url`).
   * @default "mrtc.<serverName>"
   */
  matrixRTC?: string;
  /**
   * Domain of LiveKit's built-in TURN over TLS, which clients reach on port
   * 443. Traefik passes its TLS connections through by SNI, so no HTTP
   * Ingress may use the same host.
   * @default "mrtc-turn.<serverName>"
   */
  matrixRTCTurn?: string;
  /**
   * coturn, advertised to clients in Synapse's `turn_uris`.
   * @default "turn.<serverName>"
   */
  turn?: string;
  /**
   * Authentik, the identity provider.
   * @default "auth.<serverName>"
   */
  authentik?: string;
}

/** The Kubernetes cluster the tree is reconciled into. */
export interface ClusterConfig {
  /**
   * Cluster name: the folder under `flux/clusters/`.
   * @default "production"
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   */
  name?: string;
  /**
   * Kubernetes distribution. K3S ships Traefik as its ingress controller.
   * @default "k3s"
   */
  distribution?: "k3s";
  /**
   * IngressClass for every Ingress of the stack.
   * @default "traefik"
   */
  ingressClassName?: string;
  /**
   * cert-manager ClusterIssuer that signs the TLS certificates.
   * @default "letsencrypt"
   */
  clusterIssuer?: string;
  /**
   * Number of nodes. On one node every workload runs one replica and
   * PodDisruptionBudgets are not emitted.
   * @default 1
   * @minimum 1
   * @TJS-type integer
   */
  nodes?: number;
  /**
   * StorageClass for persistent volumes. Unset uses the cluster default
   * (`local-path` on K3S).
   */
  storageClassName?: string;
  /**
   * Public IPv4 address of the node, advertised by coturn and the SFU when
   * they cannot discover it themselves.
   * @example "203.0.113.10"
   */
  publicIP?: string;
  /**
   * Set when every client reaches the cluster over the LAN. Only then may the
   * SFU and coturn advertise a private address.
   * @default false
   */
  clientsOnLan?: boolean;
}

/** Location of the generated tree and the Flux reconcile settings. */
export interface FluxConfig {
  /**
   * Path of the generated tree inside the Git repository that Flux syncs, as
   * Flux Kustomizations reference it.
   * @default "./flux"
   */
  path?: string;
  /**
   * Name of the GitRepository that `flux bootstrap` created.
   * @default "flux-system"
   */
  gitRepository?: string;
  /**
   * Namespace of the Flux controllers.
   * @default "flux-system"
   */
  namespace?: string;
  /**
   * Reconcile interval of Kustomizations and HelmReleases.
   * @default "10m"
   */
  interval?: Duration;
  /**
   * Reconcile interval of the chart sources (OCIRepository, HelmRepository).
   * @default "1h"
   */
  sourceInterval?: Duration;
}

/** ESS chart versions that axion-stack has schemas and tests for. */
export type EssChartVersion = "26.4.0" | "26.8.1";

/** Element Server Suite Community, the `matrix-stack` chart. */
export interface EssConfig {
  /**
   * Version of the `matrix-stack` chart. Values are validated against this
   * version's own schema, so keys of one version never leak into another.
   * @default "26.4.0"
   */
  chartVersion?: EssChartVersion;
  /**
   * Namespace of the ESS release, coturn and the Element Call overlay.
   * @default "matrix"
   */
  namespace?: string;
  /**
   * Helm release name. Resource names and the generated Secret
   * `<releaseName>-generated` derive from it.
   * @default "ess"
   * @maxLength 53
   */
  releaseName?: string;
  /** Synapse, the homeserver. */
  synapse?: SynapseConfig;
  /** Matrix Authentication Service. */
  matrixAuthenticationService?: ComponentSwitch;
  /** Element Web. */
  elementWeb?: ComponentSwitch;
  /** Element Admin. Needs MAS. */
  elementAdmin?: ComponentSwitch;
  /** MatrixRTC backend: LiveKit SFU and the LiveKit JWT service. */
  matrixRTC?: MatrixRTCConfig;
}

/** Turns a component on or off. */
export interface ComponentSwitch {
  /**
   * Deploy this component.
   * @default true
   */
  enabled?: boolean;
}

/** Synapse settings that are not policies. */
export interface SynapseConfig extends ComponentSwitch {
  /**
   * Largest file a user may upload.
   * @default "100M"
   * @pattern ^[0-9]+[KMG]?$
   */
  maxUploadSize?: string;
  /**
   * Size of the media store volume.
   * @default "50Gi"
   */
  mediaStorageSize?: Quantity;
}

/** The MatrixRTC backend for Element Call. */
export interface MatrixRTCConfig extends ComponentSwitch {
  /** The LiveKit SFU. */
  sfu?: SfuConfig;
}

/** A closed range of ports. */
export interface PortRange {
  /**
   * First port of the range.
   * @minimum 1
   * @maximum 65535
   * @TJS-type integer
   */
  start: number;
  /**
   * Last port of the range, included.
   * @minimum 1
   * @maximum 65535
   * @TJS-type integer
   */
  end: number;
}

/** The LiveKit SFU and its built-in TURN server. */
export interface SfuConfig {
  /**
   * Let LiveKit ask a public STUN server for the node's public IP. Off means
   * `manualIP` or `cluster.publicIP` is advertised instead.
   * @default false
   */
  useStunToDiscoverPublicIP?: boolean;
  /**
   * IP address the SFU advertises to clients. A private address is rejected
   * unless `cluster.clientsOnLan` is true.
   * @example "203.0.113.10"
   */
  manualIP?: string;
  /**
   * NodePort for WebRTC over TCP.
   * @default 30001
   * @TJS-type integer
   */
  rtcTcpPort?: number;
  /**
   * NodePort for WebRTC over UDP, multiplexed on one port.
   * @default 30002
   * @TJS-type integer
   */
  rtcMuxedUdpPort?: number;
  /**
   * A UDP port range instead of the muxed port. Unset keeps it off.
   */
  rtcUdpPortRange?: PortRange;
  /** LiveKit's built-in TURN server, used by Element Call. */
  turn?: SfuTurnConfig;
}

/** LiveKit's built-in TURN server. */
export interface SfuTurnConfig extends ComponentSwitch {
  /**
   * NodePort for TURN over UDP.
   * @default 30004
   * @TJS-type integer
   */
  udpPort?: number;
  /**
   * NodePort for TURN over TLS.
   * @default 30003
   * @TJS-type integer
   */
  tlsPort?: number;
}

/** Room policies enforced by Synapse. */
export interface PoliciesConfig {
  /** Message retention limits that rooms may choose within. */
  retention?: RetentionPolicy;
  /** Who may publish which rooms to the room directory. */
  roomDirectory?: RoomDirectoryPolicy;
  /** Rooms every new user joins. */
  autoJoinRooms?: AutoJoinRoomsPolicy;
  /** Which servers Synapse federates with. */
  federation?: FederationPolicy;
}

/**
 * Federation is open to every server unless `allowlist` is set. An
 * allowlist closes federation to every server not on it, so `validate`
 * warns about it.
 */
export interface FederationPolicy {
  /**
   * Server names Synapse federates with (`federation_domain_whitelist`).
   * Unset keeps federation open; an empty list is rejected.
   * @example ["matrix.org", "example.org"]
   */
  allowlist?: string[];
}

/** Synapse's message retention support. */
export interface RetentionPolicy extends ComponentSwitch {
  /**
   * Shortest `max_lifetime` a room may set.
   * @default "1d"
   */
  minLifetime?: Duration;
  /**
   * Longest `max_lifetime` a room may set.
   * @default "1y"
   */
  maxLifetime?: Duration;
  /**
   * Lifetime of messages in rooms that set no policy. Unset keeps messages
   * in such rooms forever.
   * @example "1y"
   */
  defaultMaxLifetime?: Duration;
}

/** One rule of Synapse's `room_list_publication_rules`. */
export interface RoomPublicationRule {
  /** Allow or deny the publication. */
  action: "allow" | "deny";
  /**
   * User ID glob the rule matches.
   * @default "*"
   */
  userId?: string;
  /**
   * Room alias glob the rule matches.
   * @default "*"
   */
  alias?: string;
  /**
   * Room ID glob the rule matches.
   * @default "*"
   */
  roomId?: string;
}

/** Room directory publication. */
export interface RoomDirectoryPolicy {
  /**
   * Rules checked in order; the first match decides.
   * @default [{ "action": "allow" }]
   */
  publicationRules?: RoomPublicationRule[];
}

/** Rooms joined automatically at registration. */
export interface AutoJoinRoomsPolicy {
  /**
   * Room aliases, such as `#welcome:axion1337.chat`.
   * @default []
   */
  rooms?: string[];
  /**
   * Create the rooms when the first user registers and they do not exist.
   * @default true
   */
  autoCreate?: boolean;
}

/** Authentik chart versions that axion-stack has schemas and tests for. */
export type AuthentikChartVersion = "2026.8.0";

/** Authentik, deployed by its Helm chart. */
export interface AuthentikConfig extends ComponentSwitch {
  /**
   * Version of the `authentik` chart.
   * @default "2026.8.0"
   */
  chartVersion?: AuthentikChartVersion;
  /**
   * Namespace of the Authentik release.
   * @default "authentik"
   */
  namespace?: string;
  /**
   * Where Authentik's database runs. `embedded` uses the chart's PostgreSQL
   * subchart.
   * @default "embedded"
   */
  postgresql?: "embedded";
}

/** A key of a Kubernetes Secret that holds a credential. */
export interface SecretKeyReference {
  /**
   * Secret name. `axion-stack secrets` creates it, SOPS-encrypted, in every
   * namespace that reads it.
   */
  secret: string;
  /** Key in the Secret's data. */
  key: string;
}

/**
 * Single sign-on between MAS and Authentik. MAS is the OpenID Connect
 * client; Authentik is the upstream provider and handles enrollment by
 * invitation. The issuer and the redirect URI derive from the hostnames,
 * so both sides always agree.
 */
export interface SsoConfig {
  /**
   * ID of the upstream provider in MAS: a ULID, 26 characters of Crockford
   * base32 in upper case, the first one 0-7. It is part of the redirect URI
   * registered in Authentik and MAS links accounts to it, so it must not
   * change after the first login. Unset derives a fixed ULID from
   * `serverName`.
   * @example "01JG8Z6Q4V3W2X1Y0ZABCDEFGH"
   */
  providerId?: string;
  /**
   * OAuth 2.0 client ID of MAS at Authentik.
   * @default "matrix-authentication-service"
   */
  clientId?: string;
  /**
   * OIDC issuer as Authentik's discovery document publishes it. Unset
   * derives `https://<authentik host>/application/o/matrix/`; when set it
   * must be exactly that, trailing slash included.
   */
  issuer?: string;
  /**
   * Redirect URI that Authentik allows. Unset derives
   * `https://<MAS host>/upstream/callback/<providerId>`; when set it must be
   * exactly that.
   */
  redirectUri?: string;
  /**
   * Where the OAuth 2.0 client secret is read from by Authentik and MAS.
   * Only a Secret reference is accepted, never the value itself.
   * @default { "secret": "matrix-oidc-client", "key": "client-secret" }
   */
  clientSecret?: SecretKeyReference;
  /** Invitations that let a new user enroll in Authentik. */
  invitations?: InvitationsConfig;
}

/** Invitations created by `axion-stack invite`. */
export interface InvitationsConfig {
  /**
   * How long an invitation link stays valid: a number and a unit, `m`
   * (minutes), `h` (hours), `d` (days) or `w` (weeks).
   * @default "7d"
   * @pattern ^[1-9][0-9]*[mhdw]$
   */
  expiry?: Duration;
  /**
   * Authentik deletes the invitation after one enrollment.
   * @default true
   */
  singleUse?: boolean;
}

/** coturn with time-limited shared-secret credentials (TURN REST API). */
export interface CoturnConfig extends ComponentSwitch {
  /**
   * Container image, pinned by tag.
   * @default "docker.io/coturn/coturn:4.6.3"
   */
  image?: string;
  /**
   * TURN listening port for UDP and TCP.
   * @default 3478
   * @TJS-type integer
   */
  port?: number;
  /**
   * TURN over TLS port.
   * @default 5349
   * @TJS-type integer
   */
  tlsPort?: number;
  /**
   * UDP ports coturn relays media on.
   * @default { "start": 49152, "end": 65535 }
   */
  relayPortRange?: PortRange;
  /**
   * How long a credential that Synapse hands out stays valid.
   * @default "1d"
   */
  credentialLifetime?: Duration;
}

/** Grafana Alloy chart versions that axion-stack has schemas and tests for. */
export type AlloyChartVersion = "1.11.1";

/** Metrics and logs, shipped by Grafana Alloy. */
export interface MonitoringConfig extends ComponentSwitch {
  /**
   * Namespace of the monitoring agents.
   * @default "monitoring"
   */
  namespace?: string;
  /**
   * Base URL of the Prometheus that receives remote writes.
   * @example "http://10.0.0.3:9090"
   */
  prometheusUrl?: string;
  /**
   * Base URL of the Loki that receives logs.
   * @example "http://10.0.0.3:3100"
   */
  lokiUrl?: string;
  /** Chart versions of the monitoring agents. */
  chartVersions?: MonitoringChartVersions;
  /** kube-state-metrics. */
  kubeStateMetrics?: ComponentSwitch;
  /** Prometheus node exporter. Needs host access, so it gets its own namespace. */
  nodeExporter?: ComponentSwitch;
}

/** Chart versions of the monitoring agents. */
export interface MonitoringChartVersions {
  /** @default "1.11.1" */
  alloy?: AlloyChartVersion;
  /** @default "8.4.0" */
  kubeStateMetrics?: "8.4.0";
  /** @default "4.56.1" */
  nodeExporter?: "4.56.1";
}

/** Opt-ins for anything that sends data to a third party. */
export interface PrivacyConfig {
  /**
   * Rageshake server that Element Web sends bug reports to. Unset turns bug
   * reports off.
   * @example "https://rageshake.example.org/api/submit"
   */
  bugReportEndpointUrl?: string;
  /**
   * Map tile style for location sharing in Element Web (usually a MapTiler
   * URL with a key). Unset turns location sharing maps off.
   */
  mapStyleUrl?: string;
  /**
   * Let Grafana Alloy send anonymous usage statistics to Grafana Labs.
   * @default false
   */
  alloyUsageReporting?: boolean;
  /**
   * Let Synapse send anonymous usage statistics (`report_stats`).
   * @default false
   */
  synapseReportStats?: boolean;
  /**
   * Let Authentik send error reports to its developers.
   * @default false
   */
  authentikErrorReporting?: boolean;
}

/**
 * The desktop-setup site: per operating system, a script that installs
 * Element Desktop and points it at this homeserver with the stack's themes.
 */
export interface SetupSiteConfig extends ComponentSwitch {
  /**
   * URL path of the site on the Element Web host, with a slash at both ends.
   * Element Web keeps every other path of that host.
   * @default "/docs/setup/"
   * @pattern ^/([a-z0-9][-a-z0-9]{0,62}/)+$
   */
  path?: string;
  /**
   * Theme that Element selects until the user picks another: one of the
   * stack's themes, or Element's built-in "light" or "dark".
   * @default "aXion1337 Dark"
   */
  defaultTheme?: ThemeName | "light" | "dark";
  /**
   * nginx image that serves the site, pinned by tag. It must run as a
   * non-root user and listen on port 8080, as nginx-unprivileged does.
   * @default "docker.io/nginxinc/nginx-unprivileged:1.28.0-alpine"
   */
  image?: string;
  /** Element Desktop downloads of the setup scripts. */
  elementDesktop?: ElementDesktopConfig;
}

/** Sources of Element Desktop for the setup scripts. */
export interface ElementDesktopConfig {
  /**
   * Base URL of Element's package server. It serves the Windows installer
   * (`desktop/install/win32/x64/Element Setup.exe`), the macOS disk image
   * (`desktop/install/macos/Element.dmg`) and the signed Debian repository
   * (`debian/`). Users can override it with `AXION_ELEMENT_DOWNLOAD_BASE`.
   * @default "https://packages.element.io"
   */
  downloadBaseUrl?: string;
  /**
   * Flathub app ID of Element Desktop, installed per user on Linux when
   * `flatpak` exists.
   * @default "im.riot.Riot"
   */
  flatpakAppId?: string;
  /**
   * Version of the `element-desktop` package that the Linux script takes
   * from Element's Debian repository. Unset takes the newest. Windows,
   * macOS and Flatpak always install the current release.
   * @example "1.12.3"
   * @pattern ^[0-9]+\.[0-9]+\.[0-9]+$
   */
  version?: string;
  /**
   * Text that the subject of the Windows installer's Authenticode
   * certificate must contain, checked after Windows reports the signature
   * valid.
   * @default "Element"
   */
  windowsSigner?: string;
}

/** Caps of one video source. Each field overrides the profile's value. */
export interface VideoCapsConfig {
  /**
   * Largest frame width in pixels.
   * @minimum 160
   * @maximum 7680
   * @TJS-type integer
   */
  maxWidth?: number;
  /**
   * Largest frame height in pixels.
   * @minimum 90
   * @maximum 4320
   * @TJS-type integer
   */
  maxHeight?: number;
  /**
   * Highest frame rate in frames per second.
   * @minimum 1
   * @maximum 60
   * @TJS-type integer
   */
  maxFramerate?: number;
  /**
   * Highest bitrate in bits per second, summed over the simulcast layers.
   * @minimum 50000
   * @maximum 50000000
   * @TJS-type integer
   */
  maxBitrate?: number;
  /**
   * Largest number of simulcast layers one sender may have.
   * @minimum 1
   * @maximum 3
   * @TJS-type integer
   */
  simulcastLayers?: number;
}

/** Caps of the microphone. Each field overrides the profile's value. */
export interface AudioCapsConfig {
  /**
   * Highest Opus bitrate in bits per second.
   * @minimum 6000
   * @maximum 510000
   * @TJS-type integer
   */
  maxBitrate?: number;
  /** Require Opus DTX, which sends almost nothing during silence. */
  dtx?: boolean;
}

/**
 * Element Call's media caps. A named profile sets every cap; the explicit
 * values below replace single fields of it. Admins can tighten the caps
 * later, without a redeploy of the widget, through the client well-known.
 */
export interface ElementCallConfig extends ComponentSwitch {
  /**
   * Named set of caps: `low` (360p camera at 300 kbit/s), `balanced` (540p
   * at 800 kbit/s) or `high` (720p at 1.7 Mbit/s, Element Call's defaults).
   * @default "balanced"
   */
  profile?: "low" | "balanced" | "high";
  /** Camera caps. */
  camera?: VideoCapsConfig;
  /** Screen share caps. */
  screenShare?: VideoCapsConfig;
  /** Microphone caps. */
  audio?: AudioCapsConfig;
  /** Video codec that senders prefer. The profiles use `vp8`. */
  videoCodec?: "vp8" | "vp9" | "h264" | "av1";
  /**
   * Let the widget also read caps from `/.well-known/matrix/client` on the
   * server name, where the stricter value of each field wins.
   * @default true
   */
  wellKnownCaps?: boolean;
  /**
   * Element Web's `element_call.participant_limit`: calls with more
   * participants are not offered. Unset keeps Element Web's default.
   * @minimum 2
   * @TJS-type integer
   */
  participantLimit?: number;
}

/** CPU and memory of a container, as Kubernetes quantities. */
export interface ResourceQuantities {
  /** @example "500m" */
  cpu?: Quantity;
  /** @example "1Gi" */
  memory?: Quantity;
}

/** Requests and limits of a container. */
export interface ResourcesConfig {
  requests?: ResourceQuantities;
  limits?: ResourceQuantities;
}

/**
 * Where Synapse and MAS keep their data. `cloudnative-pg` runs a
 * CloudNativePG `Cluster` with the databases `synapse` and `mas`.
 * `embedded` keeps ESS's own PostgreSQL. `migrating` runs both, with ESS
 * still on the embedded one, while `docs/migrate-embedded-postgres.md`
 * copies the data across.
 */
export type PostgresMode = "cloudnative-pg" | "embedded" | "migrating";

/** PostgreSQL for Synapse and MAS. */
export interface PostgresConfig {
  /**
   * Which PostgreSQL Synapse and MAS use.
   * @default "cloudnative-pg"
   */
  mode?: PostgresMode;
  /**
   * PostgreSQL instances: one primary plus streaming replicas. More than
   * one needs as many nodes to be useful.
   * @default 1
   * @minimum 1
   * @maximum 9
   * @TJS-type integer
   */
  instances?: number;
  /**
   * PostgreSQL major version of the `ghcr.io/cloudnative-pg/postgresql`
   * image. ESS's embedded PostgreSQL runs 17, and a dump restores only
   * into the same or a newer major version.
   * @default "17"
   */
  majorVersion?: "17" | "18";
  /**
   * Size of each instance's data volume.
   * @default "20Gi"
   */
  storageSize?: Quantity;
  /**
   * Requests and limits of each instance.
   * @default { "requests": { "cpu": "250m", "memory": "512Mi" }, "limits": { "memory": "1Gi" } }
   */
  resources?: ResourcesConfig;
}

/** An S3-compatible bucket, such as Backblaze B2, Wasabi, MinIO or AWS S3. */
export interface ObjectStoreConfig {
  /**
   * HTTPS endpoint of the S3 API.
   * @example "https://s3.eu-central-003.backblazeb2.com"
   */
  endpointURL: string;
  /**
   * Bucket name.
   * @example "axion1337-backups"
   */
  bucket: string;
  /**
   * Folder in the bucket, with a slash at both ends. The database goes
   * under `<path>postgres/`, the media store under `<path>media/`.
   * @default "/"
   * @pattern ^/([A-Za-z0-9._-]+/)*$
   */
  path?: string;
  /**
   * Region name that the provider's S3 API expects.
   * @example "eu-central-003"
   */
  region: string;
}

/** Off-site backups of the database and the media store. */
export interface BackupsConfig {
  /** Where the backups go. */
  objectStore: ObjectStoreConfig;
  /**
   * How long base backups and archived WAL are kept: a number and `d`
   * (days), `w` (weeks) or `m` (months), as barman-cloud takes it.
   * @default "30d"
   * @pattern ^[1-9][0-9]*[dwm]$
   */
  retention?: string;
  /**
   * When the daily base backup runs: a six-field cron expression
   * (seconds first) in UTC, as CloudNativePG's ScheduledBackup takes it.
   * @default "0 0 3 * * *"
   */
  databaseSchedule?: string;
  /** Backups of Synapse's media store. */
  media?: MediaBackupConfig;
  /** The restore drill that `axion-stack generate --restore-drill` adds. */
  restoreDrill?: RestoreDrillConfig;
}

/**
 * A second PostgreSQL cluster bootstrapped from the backups, to prove that
 * they restore. It reads the source's archive and never writes to it.
 */
export interface RestoreDrillConfig {
  /**
   * Name of the restored cluster, and its server name in the archive if
   * it archives at all. It must differ from the source cluster's name.
   * @default "matrix-postgres-drill"
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   */
  serverName?: string;
  /**
   * Folder in the bucket that the restored cluster archives its own WAL
   * to, with a slash at both ends. Unset keeps WAL archiving off, which a
   * drill that is deleted afterwards does not need. It must lie outside
   * the source's folder `<objectStore.path>postgres/`.
   * @pattern ^/([A-Za-z0-9._-]+/)*$
   */
  archivePath?: string;
}

/** Backups of Synapse's media store with restic. */
export interface MediaBackupConfig extends ComponentSwitch {
  /**
   * When the backup runs: a five-field cron expression in UTC.
   * @default "30 3 * * *"
   */
  schedule?: string;
  /**
   * Daily snapshots restic keeps.
   * @default 30
   * @minimum 1
   * @TJS-type integer
   */
  keepDaily?: number;
  /**
   * Monthly snapshots restic keeps after the daily ones.
   * @default 6
   * @minimum 0
   * @TJS-type integer
   */
  keepMonthly?: number;
  /**
   * restic image, pinned by tag.
   * @default "docker.io/restic/restic:0.18.0"
   */
  image?: string;
}

/** Facts about the cluster's network that NetworkPolicies need. */
export interface NetworkConfig {
  /**
   * Addresses of the Kubernetes API server as pods reach it after the
   * `kubernetes` Service is resolved: on K3S the node's own address on
   * port 6443. Unset allows any address, on the API ports only.
   * @example ["192.0.2.10/32"]
   */
  apiServerCIDRs?: string[];
}

/** Pod Security Admission levels. */
export type PodSecurityLevelName = "restricted" | "baseline" | "privileged";

/** Pod Security levels by workload, over the levels the stack derives. */
export interface PodSecurityConfig {
  /**
   * Levels of single workloads of the component graph. A level stricter
   * than the workload needs is rejected. Each namespace gets the least
   * restrictive level among its workloads.
   * @example [{ "workload": "element-web", "level": "restricted" }]
   */
  levels?: PodSecurityLevelSetting[];
}

/** The Pod Security level of one workload. */
export interface PodSecurityLevelSetting {
  /**
   * Workload name in the component graph, such as `coturn`,
   * `node-exporter` or `element-web`.
   */
  workload: string;
  level: PodSecurityLevelName;
}
