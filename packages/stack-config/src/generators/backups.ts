/**
 * Off-site backups of Synapse's media store, apart from the database
 * because the store often grows past 100 GB. The tool is restic, because
 * it uploads only changed chunks and encrypts every snapshot with the
 * repository password before it leaves the cluster. It also applies the
 * retention itself with `forget --prune`. So one pinned image does the
 * whole job against the same bucket as the database backups.
 */
import type { ResolvedBackups } from "../config/postgres.js";
import type { ResolvedStack } from "../config/resolve.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";
import { secretEnv } from "./secret-refs.js";
import type { Generator, JsonObject, Manifest } from "./types.js";

/** Folder of the backup jobs in the tree. */
export const BACKUPS_DIR = "apps/backups";

/** Name of the CronJob and the name label of its pods. */
export const MEDIA_BACKUP_NAME = "media-backup";

/** UID and GID of Synapse in `matrix-stack`, which own the media files. */
const SYNAPSE_UID = 10091;

const LABELS = {
  ...MANAGED_BY_LABELS,
  "app.kubernetes.io/name": MEDIA_BACKUP_NAME,
};

/** Returns restic's repository URL for the media store. */
export function mediaRepository(backups: ResolvedBackups): string {
  const endpoint = backups.endpointURL.replace(/\/+$/, "");
  const folder = backups.mediaPath.replace(/\/+$/, "");
  return `s3:${endpoint}/${backups.bucket}${folder}`;
}

/**
 * Builds the job's script. The first run creates the repository. On an
 * existing repository a failing `cat config` makes `init` fail too, so a
 * wrong password never starts a second repository.
 */
export function mediaBackupScript(backups: ResolvedBackups): string {
  const { keepDaily, keepMonthly } = backups.media;
  return [
    "set -eu",
    "restic cat config >/dev/null 2>&1 || restic init",
    `restic backup --host ${MEDIA_BACKUP_NAME} --tag synapse-media /media`,
    `restic forget --prune --host ${MEDIA_BACKUP_NAME} ` +
      `--keep-daily ${keepDaily} --keep-monthly ${keepMonthly}`,
  ].join("\n");
}

function resticEnv(stack: ResolvedStack, backups: ResolvedBackups) {
  const namespace = stack.ess.namespace;
  const s3 = (name: string, key: string) =>
    secretEnv(stack, namespace, name, "backupS3Credentials", key);
  return [
    { name: "RESTIC_REPOSITORY", value: mediaRepository(backups) },
    secretEnv(
      stack,
      namespace,
      "RESTIC_PASSWORD",
      "mediaBackupPassword",
      "password",
    ),
    s3("AWS_ACCESS_KEY_ID", "ACCESS_KEY_ID"),
    s3("AWS_SECRET_ACCESS_KEY", "ACCESS_SECRET_KEY"),
    { name: "AWS_DEFAULT_REGION", value: backups.region },
    { name: "RESTIC_CACHE_DIR", value: "/cache" },
    { name: "HOME", value: "/tmp" },
  ];
}

function container(stack: ResolvedStack, backups: ResolvedBackups) {
  return {
    name: "restic",
    image: backups.media.image,
    command: ["/bin/sh", "-c", mediaBackupScript(backups)],
    env: resticEnv(stack, backups),
    resources: {
      requests: { cpu: "100m", memory: "256Mi" },
      limits: { memory: "1Gi" },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
    volumeMounts: [
      { name: "media", mountPath: "/media", readOnly: true },
      { name: "cache", mountPath: "/cache" },
      { name: "tmp", mountPath: "/tmp" },
    ],
  };
}

// NOTE: The media volume is ReadWriteOnce, which lets pods on Synapse's
// node mount it. With more than one node the job must run on that node.
function podSpec(stack: ResolvedStack, backups: ResolvedBackups): JsonObject {
  return {
    restartPolicy: "Never",
    automountServiceAccountToken: false,
    // No fsGroup: a recursive group change over the whole store would
    // take long, and Synapse's own UID and GID already read every file.
    securityContext: {
      runAsNonRoot: true,
      runAsUser: SYNAPSE_UID,
      runAsGroup: SYNAPSE_UID,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containers: [container(stack, backups)],
    volumes: [
      {
        name: "media",
        persistentVolumeClaim: {
          claimName: `${stack.ess.releaseName}-synapse-media`,
          readOnly: true,
        },
      },
      { name: "cache", emptyDir: { sizeLimit: "2Gi" } },
      { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
    ],
  } as JsonObject;
}

/** Builds the CronJob that backs up the media store. */
export function mediaBackupCronJob(
  stack: ResolvedStack,
  backups: ResolvedBackups,
): JsonObject {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: {
      name: MEDIA_BACKUP_NAME,
      namespace: stack.ess.namespace,
      labels: LABELS,
    },
    spec: {
      schedule: backups.media.schedule,
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          template: {
            metadata: { labels: LABELS },
            spec: podSpec(stack, backups),
          },
        },
      },
    },
  };
}

/** Renders the media store backup when backups and Synapse are on. */
export const generateBackups: Generator = (stack) => {
  const { backups } = stack;
  if (!backups?.media.enabled || !stack.ess.synapse.enabled) {
    return [];
  }
  const manifest: Manifest = {
    path: `${BACKUPS_DIR}/media-backup.yaml`,
    document: mediaBackupCronJob(stack, backups),
  };
  return [manifest];
};
