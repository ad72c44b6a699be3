/**
 * PostgreSQL for Synapse and MAS and the off-site backups, after defaults
 * are filled. Every name that two generators share (the Cluster, its
 * Service, the databases and their owners, the archive folders) is chosen
 * here once.
 */
import { DEFAULTS } from "./defaults.js";
import type {
  BackupsConfig,
  PostgresMode,
  Quantity,
  ResourcesConfig,
  StackConfig,
} from "./model.js";

/** Name of the CloudNativePG Cluster and of its HelmRelease. */
export const POSTGRES_CLUSTER_NAME = "matrix-postgres";

/** One database of the Cluster and the role that owns it. */
export interface ResolvedDatabase {
  name: string;
  owner: string;
}

/** PostgreSQL for Synapse and MAS after defaults are filled. */
export interface ResolvedPostgres {
  mode: PostgresMode;
  /** Deploy the CloudNativePG Cluster: in `cloudnative-pg` and `migrating`. */
  clusterEnabled: boolean;
  /** Point Synapse and MAS at the Cluster: only in `cloudnative-pg`. */
  essUsesCluster: boolean;
  namespace: string;
  clusterName: string;
  /** In-cluster DNS name of the read-write Service, the primary. */
  host: string;
  port: number;
  instances: number;
  majorVersion: "17" | "18";
  storageSize: Quantity;
  resources: ResourcesConfig;
  databases: { synapse: ResolvedDatabase; mas: ResolvedDatabase };
}

/** The bucket and the folders each backup writes to. */
export interface ResolvedBackups {
  endpointURL: string;
  bucket: string;
  region: string;
  /** Folder in the bucket, with a slash at both ends. */
  path: string;
  /** barman-cloud's destination: `s3://<bucket><path>postgres/`. */
  postgresDestination: string;
  /** Folder of the restic repository: `<path>media/`. */
  mediaPath: string;
  retention: string;
  databaseSchedule: string;
  media: {
    enabled: boolean;
    schedule: string;
    keepDaily: number;
    keepMonthly: number;
    image: string;
  };
  restoreDrill: {
    serverName: string;
    /** Destination the drill archives WAL to; undefined keeps it off. */
    archiveDestination: string | undefined;
  };
}

/** Fills the PostgreSQL defaults; the Cluster lives beside ESS. */
export function resolvePostgres(
  config: StackConfig,
  namespace: string,
): ResolvedPostgres {
  const postgres = config.postgres ?? {};
  const defaults = DEFAULTS.postgres;
  const mode = postgres.mode ?? defaults.mode;
  const clusterName = POSTGRES_CLUSTER_NAME;

  return {
    mode,
    clusterEnabled: mode !== "embedded",
    essUsesCluster: mode === "cloudnative-pg",
    namespace,
    clusterName,
    host: `${clusterName}-rw.${namespace}.svc.cluster.local`,
    port: 5432,
    instances: postgres.instances ?? defaults.instances,
    majorVersion: postgres.majorVersion ?? defaults.majorVersion,
    storageSize: postgres.storageSize ?? defaults.storageSize,
    resources: {
      requests: {
        ...defaults.resources.requests,
        ...postgres.resources?.requests,
      },
      limits: { ...defaults.resources.limits, ...postgres.resources?.limits },
    },
    databases: {
      synapse: { name: "synapse", owner: "synapse" },
      mas: { name: "mas", owner: "mas" },
    },
  };
}

/** Returns the folder the source cluster archives to, in the bucket. */
export function postgresArchivePath(path: string): string {
  return `${path}postgres/`;
}

/** Fills the backup defaults; undefined when no object store is set. */
export function resolveBackups(
  backups: BackupsConfig | undefined,
): ResolvedBackups | undefined {
  if (backups === undefined) {
    return undefined;
  }
  const defaults = DEFAULTS.backups;
  const { endpointURL, bucket, region } = backups.objectStore;
  const path = backups.objectStore.path ?? defaults.path;
  const drill = backups.restoreDrill ?? {};
  const archivePath = drill.archivePath;

  return {
    endpointURL,
    bucket,
    region,
    path,
    postgresDestination: `s3://${bucket}${postgresArchivePath(path)}`,
    mediaPath: `${path}media/`,
    retention: backups.retention ?? defaults.retention,
    databaseSchedule: backups.databaseSchedule ?? defaults.databaseSchedule,
    media: { ...defaults.media, ...backups.media },
    restoreDrill: {
      serverName: drill.serverName ?? `${POSTGRES_CLUSTER_NAME}-drill`,
      archiveDestination:
        archivePath === undefined ? undefined : `s3://${bucket}${archivePath}`,
    },
  };
}
