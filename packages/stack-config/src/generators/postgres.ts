/**
 * PostgreSQL for Synapse and MAS with CloudNativePG. The operator and the
 * barman-cloud plugin go into the infrastructure layer, which Flux applies
 * and waits for before the apps, so the `Cluster`, `Database` and
 * `ObjectStore` CRDs exist when the `cluster` chart's release installs.
 */
import {
  CNPG_CHART_VERSIONS,
  type BarmanCloudPluginRef,
  type BarmanCloudPluginValues,
  type CloudNativePgValues,
  type CnpgClusterValues,
  type ManagedDatabase,
  type ObjectStoreValues,
} from "@axion-stack/values-schemas";
import type { ResolvedBackups } from "../config/postgres.js";
import type { ResolvedStack } from "../config/resolve.js";
import { namespaceManifest } from "../flux/namespaces.js";
import { helmRelease, valuesConfigMap } from "../flux/resources.js";
import { helmChartSource } from "../flux/sources.js";
import { secretKeyRef } from "./secret-refs.js";
import type { Generator, JsonObject, Manifest } from "./types.js";

/** Namespace of the operator and the plugin, as upstream installs them. */
export const CNPG_NAMESPACE = "cnpg-system";

/** Folder of the operator and the plugin in the tree. */
export const CNPG_DIR = "infrastructure/cloudnative-pg";

/** Folder of the Cluster's release in the tree. */
export const POSTGRES_DIR = "apps/postgres";

/** Helm release names; the plugin must share the operator's namespace. */
export const CNPG_OPERATOR_RELEASE = "cloudnative-pg";
export const CNPG_PLUGIN_RELEASE = "plugin-barman-cloud";

/** The plugin reference that backups and recovery use. */
export const BARMAN_CLOUD: BarmanCloudPluginRef = {
  name: "barman-cloud.cloudnative-pg.io",
};

/** Synapse needs C collation and ctype; see Synapse's PostgreSQL docs. */
const C_LOCALE = {
  encoding: "UTF8",
  localeCollate: "C",
  localeCType: "C",
} as const;

/** Renders one CloudNativePG chart's release with its values ConfigMap. */
export function cnpgReleaseManifests(
  stack: ResolvedStack,
  options: {
    dir: string;
    name: string;
    namespace: string;
    chart: string;
    version: string;
    values: object;
    dependsOn?: { name: string; namespace?: string }[];
  },
): Manifest[] {
  const source = helmChartSource(
    stack,
    "cloudnative-pg",
    options.chart,
    options.version,
  );
  const configMapName = `${options.name}-values`;
  const configMap = valuesConfigMap({
    name: configMapName,
    namespace: options.namespace,
    values: options.values as JsonObject,
  });
  const release = helmRelease({
    name: options.name,
    namespace: options.namespace,
    interval: stack.flux.interval,
    source: source.ref,
    valuesFrom: [{ kind: "ConfigMap", name: configMapName }],
    ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
  });
  return [
    source.manifest,
    { path: `${options.dir}/values.yaml`, document: configMap },
    { path: `${options.dir}/helmrelease.yaml`, document: release },
  ];
}

/** Builds the operator's values: CRDs from the chart, every namespace. */
export function operatorValues(): CloudNativePgValues {
  return {
    crds: { create: true },
    replicaCount: 1,
    config: { clusterWide: true },
    resources: {
      requests: { cpu: "50m", memory: "128Mi" },
      limits: { memory: "256Mi" },
    },
  };
}

/**
 * Builds the plugin's values. The chart signs the operator-to-plugin mTLS
 * certificates with its own self-signed Issuer, so cert-manager must be
 * installed in the cluster already.
 */
export function pluginValues(): BarmanCloudPluginValues {
  return {
    crds: { create: true },
    certificate: {
      createClientCertificate: true,
      createServerCertificate: true,
    },
    resources: {
      requests: { cpu: "20m", memory: "64Mi" },
      limits: { memory: "256Mi" },
    },
  };
}

/**
 * Renders the operator, its namespace and, when backups are configured,
 * the barman-cloud plugin. Backups and the restore drill are the plugin's
 * only users, so without them it would run for nothing.
 */
export function operatorManifests(stack: ResolvedStack): Manifest[] {
  const operator = cnpgReleaseManifests(stack, {
    dir: `${CNPG_DIR}/operator`,
    name: CNPG_OPERATOR_RELEASE,
    namespace: CNPG_NAMESPACE,
    chart: "cloudnative-pg",
    version: CNPG_CHART_VERSIONS.operator,
    values: operatorValues(),
  });
  if (stack.backups === undefined) {
    return [namespaceManifest(CNPG_NAMESPACE, "restricted"), ...operator];
  }
  const plugin = cnpgReleaseManifests(stack, {
    dir: `${CNPG_DIR}/plugin-barman-cloud`,
    name: CNPG_PLUGIN_RELEASE,
    namespace: CNPG_NAMESPACE,
    chart: "plugin-barman-cloud",
    version: CNPG_CHART_VERSIONS.barmanCloudPlugin,
    values: pluginValues(),
    dependsOn: [{ name: CNPG_OPERATOR_RELEASE }],
  });
  return [
    namespaceManifest(CNPG_NAMESPACE, "restricted"),
    ...operator,
    ...plugin,
  ];
}

/**
 * Builds the bucket settings that backups and recovery share. The
 * credentials come from the SOPS Secret declared in `config/secrets.ts`.
 */
export function objectStoreValues(
  stack: ResolvedStack,
  backups: ResolvedBackups,
  destinationPath: string,
): ObjectStoreValues {
  const secret = secretKeyRef(
    stack,
    stack.postgres.namespace,
    "backupS3Credentials",
    "ACCESS_KEY_ID",
  );
  return {
    provider: "s3",
    endpointURL: backups.endpointURL,
    destinationPath,
    s3: { region: backups.region, bucket: backups.bucket, path: backups.path },
    secret: { create: false, name: secret.name },
  };
}

function backupsValues(stack: ResolvedStack): CnpgClusterValues["backups"] {
  const { backups } = stack;
  if (backups === undefined) {
    return { enabled: false };
  }
  // NOTE: Server-side encryption stays off because several S3-compatible
  // stores reject the SSE header; the bucket's own encryption applies.
  const noEncryption = { compression: "gzip", encryption: "" } as const;
  return {
    enabled: true,
    method: "plugin",
    pluginConfiguration: BARMAN_CLOUD,
    ...objectStoreValues(stack, backups, backups.postgresDestination),
    retentionPolicy: backups.retention,
    wal: noEncryption,
    data: noEncryption,
    scheduledBackups: [
      {
        name: "daily",
        schedule: backups.databaseSchedule,
        backupOwnerReference: "self",
        method: "plugin",
        pluginConfiguration: BARMAN_CLOUD,
      },
    ],
  };
}

/** Lists the databases: Synapse's and MAS's, both with C collation. */
export function managedDatabases(stack: ResolvedStack): ManagedDatabase[] {
  const { synapse, mas } = stack.postgres.databases;
  return [synapse, mas].map((database) => ({
    name: database.name,
    owner: database.owner,
    template: "template0",
    ...C_LOCALE,
    databaseReclaimPolicy: "retain",
  }));
}

/** Builds the `cluster` chart's values of the Synapse and MAS Cluster. */
export function clusterValues(stack: ResolvedStack): CnpgClusterValues {
  const { postgres, cluster } = stack;
  const { synapse, mas } = postgres.databases;
  const roleSecret = (owner: string) => `${postgres.clusterName}-${owner}`;
  const storageClass = cluster.storageClassName;

  return {
    fullnameOverride: postgres.clusterName,
    type: "postgresql",
    mode: "standalone",
    version: { postgresql: postgres.majorVersion },
    cluster: {
      instances: postgres.instances,
      storage: {
        size: postgres.storageSize,
        ...(storageClass ? { storageClass } : {}),
      },
      resources: postgres.resources,
      // One instance or one node: a PDB would only block node drains.
      enablePDB: postgres.instances > 1 && cluster.nodes > 1,
      enableSuperuserAccess: false,
      roles: [synapse.owner, mas.owner].map((owner) => ({
        name: owner,
        ensure: "present",
        login: true,
        passwordSecret: { name: roleSecret(owner) },
      })),
      initdb: {
        database: synapse.name,
        owner: synapse.owner,
        secret: { name: roleSecret(synapse.owner) },
        ...C_LOCALE,
      },
      monitoring: { enabled: false },
    },
    databases: managedDatabases(stack),
    backups: backupsValues(stack),
  };
}

/** Renders the Cluster's HelmRelease and values in the ESS namespace. */
export function clusterManifests(stack: ResolvedStack): Manifest[] {
  return cnpgReleaseManifests(stack, {
    dir: POSTGRES_DIR,
    name: stack.postgres.clusterName,
    namespace: stack.postgres.namespace,
    chart: "cluster",
    version: CNPG_CHART_VERSIONS.cluster,
    values: clusterValues(stack),
  });
}

/**
 * Renders CloudNativePG and the Cluster of Synapse and MAS, unless the
 * stack keeps ESS's embedded PostgreSQL.
 */
export const generatePostgres: Generator = (stack) => {
  if (!stack.postgres.clusterEnabled) {
    return [];
  }
  return [
    ...operatorManifests(stack),
    namespaceManifest(stack.postgres.namespace, "restricted"),
    ...clusterManifests(stack),
  ];
};
