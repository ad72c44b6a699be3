/**
 * The values axion-stack sets on the CloudNativePG `cluster` chart 0.8.1:
 * one `Cluster`, its roles and databases, and backups and recovery through
 * the barman-cloud plugin. The upstream schema allows any key, so these
 * types are the strict check.
 */

/** CPU and memory, as Kubernetes quantities. */
export interface ResourceList {
  cpu?: string;
  memory?: string;
}

/** Requests and limits of a container. */
export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

/** Name of the barman-cloud plugin, as the plugin registers itself. */
export type BarmanCloudPluginName = "barman-cloud.cloudnative-pg.io";

/** A reference to the barman-cloud plugin. */
export interface BarmanCloudPluginRef {
  name: BarmanCloudPluginName;
}

/** A role that CloudNativePG creates and keeps in the declared state. */
export interface ManagedRole {
  name: string;
  ensure: "present" | "absent";
  login: boolean;
  /** Secret with the keys `username` and `password`. */
  passwordSecret: { name: string };
}

/** A database that CloudNativePG creates through a `Database` resource. */
export interface ManagedDatabase {
  name: string;
  owner: string;
  template: "template0" | "template1";
  encoding: "UTF8";
  localeCollate: string;
  localeCType: string;
  /** Keep the database when the `Database` resource is deleted. */
  databaseReclaimPolicy: "retain" | "delete";
}

/** The initdb bootstrap: the first database and its owner. */
export interface InitDbValues {
  database: string;
  owner: string;
  /** Secret with the owner's `username` and `password`. */
  secret: { name: string };
  encoding: "UTF8";
  localeCollate: string;
  localeCType: string;
}

/** The `cluster` section: the `Cluster` resource's spec. */
export interface ClusterSpecValues {
  /**
   * @minimum 1
   * @TJS-type integer
   */
  instances: number;
  storage: { size: string; storageClass?: string };
  resources: ResourceRequirements;
  /** A PodDisruptionBudget per Cluster; it blocks drains on one node. */
  enablePDB: boolean;
  enableSuperuserAccess: boolean;
  /** Secret with the superuser's `username` and `password`. */
  superuserSecret?: string;
  roles: ManagedRole[];
  /** Present only when the Cluster is bootstrapped with initdb. */
  initdb?: InitDbValues;
  monitoring: { enabled: boolean };
}

/** The S3 settings of an object store. */
export interface S3Values {
  region: string;
  bucket: string;
  path: string;
}

/** The object store that backups go to or come from, with credentials. */
export interface ObjectStoreValues {
  provider: "s3";
  endpointURL: string;
  destinationPath: string;
  s3: S3Values;
  /** An existing Secret with `ACCESS_KEY_ID` and `ACCESS_SECRET_KEY`. */
  secret: { create: false; name: string };
}

/** Compression and server-side encryption of WAL or base backups. */
export interface CompressionValues {
  compression: "gzip" | "bzip2" | "snappy";
  /** Empty requests no server-side encryption from the object store. */
  encryption: "" | "AES256" | "aws:kms";
}

/** One ScheduledBackup. */
export interface ScheduledBackupValues {
  name: string;
  /** Six-field cron expression, seconds first. */
  schedule: string;
  backupOwnerReference: "self" | "cluster" | "none";
  method: "plugin";
  pluginConfiguration: BarmanCloudPluginRef;
}

/** Backups and WAL archiving through the barman-cloud plugin. */
export interface BackupsValues extends ObjectStoreValues {
  enabled: boolean;
  method: "plugin";
  pluginConfiguration: BarmanCloudPluginRef;
  /** barman-cloud retention, such as `30d`. */
  retentionPolicy: string;
  wal: CompressionValues;
  data: CompressionValues;
  scheduledBackups: ScheduledBackupValues[];
}

/** Recovery of a new Cluster from another one's backups. */
export interface RecoveryValues extends ObjectStoreValues {
  method: "plugin";
  pluginConfiguration: BarmanCloudPluginRef;
  /** Server name of the source cluster in the object store. */
  clusterName: string;
  database: string;
  owner: string;
}

/** Values of the `cluster` chart 0.8.1. */
export interface CnpgClusterValues {
  /** Name of the Cluster and the prefix of everything the chart makes. */
  fullnameOverride: string;
  type: "postgresql";
  mode: "standalone" | "recovery";
  version: { postgresql: string };
  cluster: ClusterSpecValues;
  databases: ManagedDatabase[];
  backups: BackupsValues | { enabled: false };
  recovery?: RecoveryValues;
}
