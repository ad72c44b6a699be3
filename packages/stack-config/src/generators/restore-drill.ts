/**
 * The restore drill that `axion-stack generate --restore-drill` adds: a
 * second CloudNativePG Cluster bootstrapped from the source's backups
 * under its own server name, a Job that compares row counts of key
 * Synapse and MAS tables between the two, and the NetworkPolicies they
 * need. Its own Flux Kustomization waits for the Job, so a failed check
 * shows as a failed Kustomization. The drill reads the source's archive
 * and never writes to it: WAL archiving is off unless
 * `backups.restoreDrill.archivePath` names another folder.
 */
import {
  type BackupsValues,
  CNPG_CHART_VERSIONS,
  type CnpgClusterValues,
} from "@axion-stack/values-schemas";
import type { ResolvedBackups } from "../config/postgres.js";
import type { ResolvedStack } from "../config/resolve.js";
import { kustomizeKustomization } from "../flux/kustomize.js";
import { fluxKustomization } from "../flux/resources.js";
import { clusterDir, fluxPath } from "../flux/skeleton.js";
import { GeneratorConfigError } from "./errors.js";
import { networkPolicyManifests } from "./network-policies.js";
import {
  BARMAN_CLOUD,
  clusterValues,
  cnpgReleaseManifests,
  objectStoreValues,
} from "./postgres.js";
import { restoreCheckJob } from "./restore-drill-check.js";
import { secretKeyRef } from "./secret-refs.js";
import type { Generator, JsonObject, Manifest } from "./types.js";

/** Folder of the drill, outside `apps/` so only its own Kustomization applies it. */
export const RESTORE_DRILL_DIR = "drills/restore";

/** Name of the drill's Flux Kustomization. */
export const RESTORE_DRILL_KUSTOMIZATION = "restore-drill";

function drillBackups(
  stack: ResolvedStack,
  backups: ResolvedBackups,
): CnpgClusterValues["backups"] {
  const destination = backups.restoreDrill.archiveDestination;
  const source = clusterValues(stack).backups as BackupsValues;
  if (destination === undefined) {
    return { enabled: false };
  }
  return {
    ...source,
    ...objectStoreValues(stack, backups, destination),
    scheduledBackups: [],
  };
}

/**
 * Builds the drill Cluster's values: recovery through the barman-cloud
 * plugin from the source's server name in the source's archive, with
 * superuser access so the check can read every database.
 */
export function drillClusterValues(
  stack: ResolvedStack,
  backups: ResolvedBackups,
): CnpgClusterValues {
  const source = clusterValues(stack);
  const { synapse } = stack.postgres.databases;
  const { initdb: _initdb, ...cluster } = source.cluster;
  return {
    ...source,
    fullnameOverride: backups.restoreDrill.serverName,
    mode: "recovery",
    cluster: {
      ...cluster,
      instances: 1,
      enablePDB: false,
      enableSuperuserAccess: true,
      superuserSecret: secretKeyRef(
        stack,
        stack.postgres.namespace,
        "restoreDrillSuperuser",
        "password",
      ).name,
      roles: [],
    },
    databases: [],
    backups: drillBackups(stack, backups),
    recovery: {
      method: "plugin",
      pluginConfiguration: BARMAN_CLOUD,
      ...objectStoreValues(stack, backups, backups.postgresDestination),
      clusterName: stack.postgres.clusterName,
      database: synapse.name,
      owner: synapse.owner,
    },
  };
}

/**
 * Returns the NetworkPolicies that only the drill needs. Policies add up,
 * so these sit beside the stack's own and are deleted with the drill.
 */
function drillPolicies(stack: ResolvedStack): Manifest[] {
  const base = new Set(
    networkPolicyManifests(stack).map((m) => JSON.stringify(m.document)),
  );
  const dir = `${RESTORE_DRILL_DIR}/network-policies`;
  return networkPolicyManifests(stack, { restoreDrill: true }, dir)
    .filter((m) => !base.has(JSON.stringify(m.document)))
    .map(({ path, document }) => {
      const metadata = document.metadata as JsonObject;
      const name = `restore-drill-${String(metadata.name)}`;
      return {
        path: path.replace(/[^/]+\.yaml$/, `${name}.yaml`),
        document: { ...document, metadata: { ...metadata, name } },
      };
    });
}

function drillKustomizations(
  stack: ResolvedStack,
  paths: string[],
): Manifest[] {
  const resources = paths
    .map((path) => path.slice(RESTORE_DRILL_DIR.length + 1))
    .sort();
  const flux = fluxKustomization({
    name: RESTORE_DRILL_KUSTOMIZATION,
    namespace: stack.flux.namespace,
    interval: stack.flux.interval,
    sourceName: stack.flux.gitRepository,
    path: fluxPath(stack, RESTORE_DRILL_DIR),
    dependsOn: ["apps"],
    wait: true,
  });
  return [
    {
      path: `${RESTORE_DRILL_DIR}/kustomization.yaml`,
      document: kustomizeKustomization(resources),
    },
    {
      path: `${clusterDir(stack)}/${RESTORE_DRILL_KUSTOMIZATION}.yaml`,
      document: { ...flux, spec: { ...(flux.spec as object), timeout: "2h" } },
    },
  ];
}

/**
 * Renders the restore drill. It needs the CloudNativePG Cluster and an
 * object store; without them it throws, because the caller asked for it.
 */
export const generateRestoreDrill: Generator = (stack) => {
  const { backups, postgres } = stack;
  if (backups === undefined || !postgres.essUsesCluster) {
    throw new GeneratorConfigError({
      path: backups === undefined ? "backups" : "postgres.mode",
      value: backups === undefined ? undefined : postgres.mode,
      message:
        "does not allow the restore drill, which needs " +
        'backups.objectStore and postgres.mode "cloudnative-pg"',
      allowed: 'backups.objectStore with postgres.mode "cloudnative-pg"',
      fix: "configure backups, or run generate without --restore-drill",
    });
  }
  const cluster = cnpgReleaseManifests(stack, {
    dir: `${RESTORE_DRILL_DIR}/cluster`,
    name: backups.restoreDrill.serverName,
    namespace: postgres.namespace,
    chart: "cluster",
    version: CNPG_CHART_VERSIONS.cluster,
    values: drillClusterValues(stack, backups),
  }).filter((m) => m.path.startsWith(RESTORE_DRILL_DIR));
  const manifests: Manifest[] = [
    ...cluster,
    {
      path: `${RESTORE_DRILL_DIR}/check-job.yaml`,
      document: restoreCheckJob(stack, backups),
    },
    ...drillPolicies(stack),
  ];
  return [
    ...manifests,
    ...drillKustomizations(
      stack,
      manifests.map((m) => m.path),
    ),
  ];
};
