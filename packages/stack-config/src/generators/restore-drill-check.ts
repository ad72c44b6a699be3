/**
 * The Job that checks a restore drill. It waits for the restored Cluster
 * and counts the rows of key Synapse and MAS tables there and in the
 * source. It prints one line per table and exits non-zero when a count is
 * off.
 */
import type { ResolvedBackups } from "../config/postgres.js";
import type { ResolvedStack } from "../config/resolve.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";
import { secretEnv } from "./secret-refs.js";
import type { JsonObject } from "./types.js";

/** Tables whose row counts the drill compares, per database. */
export const CHECKED_TABLES = {
  synapse: ["users", "rooms", "events", "room_memberships"],
  mas: ["users", "user_sessions", "oauth2_sessions", "compat_sessions"],
} as const;

/**
 * Share of the source's rows the restore must match, in percent. The
 * source keeps writing after its last archived WAL, and Synapse's
 * retention purges events, so an exact match is not expected.
 */
export const MIN_MATCH_PERCENT = 99;

/** UID of the postgres user in CloudNativePG's PostgreSQL images. */
const POSTGRES_UID = 26;

const SCRIPT_FUNCTIONS = String.raw`set -eu
umask 077
printf '%s:%s:*:%s:%s\n' \
  "$SOURCE_HOST" "$SOURCE_PORT" synapse "$SYNAPSE_PASSWORD" \
  "$SOURCE_HOST" "$SOURCE_PORT" mas "$MAS_PASSWORD" \
  "$DRILL_HOST" "$DRILL_PORT" postgres "$DRILL_PASSWORD" > "$PGPASSFILE"

tries=0
until pg_isready -q -h "$DRILL_HOST" -p "$DRILL_PORT"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 360 ]; then
    echo "FAIL: $DRILL_HOST is not ready after 60 minutes"
    exit 1
  fi
  sleep 10
done

count() {
  psql "host=$1 port=$2 user=$3 dbname=$4" -Atqc "SELECT count(*) FROM $5"
}

failed=0
check() {
  source_rows=$(count "$SOURCE_HOST" "$SOURCE_PORT" "$2" "$1" "$3")
  restored=$(count "$DRILL_HOST" "$DRILL_PORT" postgres "$1" "$3")
  diff=$((source_rows - restored))
  [ "$diff" -lt 0 ] && diff=$((-diff))
  most=$source_rows
  [ "$restored" -gt "$most" ] && most=$restored
  status=ok
  if [ $((diff * 100)) -gt $((most * (100 - MIN_MATCH_PERCENT))) ] ||
    { [ "$restored" -eq 0 ] && [ "$source_rows" -gt 0 ]; }; then
    status=FAIL
    failed=1
  fi
  echo "$status $1.$3 source=$source_rows restored=$restored"
}
`;

/** Builds the shell script of the check Job. */
export function restoreCheckScript(): string {
  const checks = Object.entries(CHECKED_TABLES).flatMap(([database, tables]) =>
    tables.map((table) => `check ${database} ${database} ${table}`),
  );
  return [
    SCRIPT_FUNCTIONS,
    ...checks,
    "",
    'if [ "$failed" -ne 0 ]; then',
    '  echo "restore drill FAILED: restored row counts differ from the source"',
    "  exit 1",
    "fi",
    'echo "restore drill passed"',
  ].join("\n");
}

function checkEnv(stack: ResolvedStack, drill: string) {
  const namespace = stack.postgres.namespace;
  const password = (name: string, secretId: string) =>
    secretEnv(stack, namespace, name, secretId, "password");
  return [
    { name: "SOURCE_HOST", value: stack.postgres.host },
    { name: "SOURCE_PORT", value: String(stack.postgres.port) },
    { name: "DRILL_HOST", value: `${drill}-rw.${namespace}.svc.cluster.local` },
    { name: "DRILL_PORT", value: String(stack.postgres.port) },
    { name: "MIN_MATCH_PERCENT", value: String(MIN_MATCH_PERCENT) },
    // CloudNativePG serves TLS with its own CA; require encrypts without
    // checking that CA.
    { name: "PGSSLMODE", value: "require" },
    { name: "PGPASSFILE", value: "/tmp/pgpass" },
    password("SYNAPSE_PASSWORD", "postgresSynapse"),
    password("MAS_PASSWORD", "postgresMas"),
    password("DRILL_PASSWORD", "restoreDrillSuperuser"),
  ];
}

/** Builds the check Job of the restore drill. */
export function restoreCheckJob(
  stack: ResolvedStack,
  backups: ResolvedBackups,
): JsonObject {
  const drill = backups.restoreDrill.serverName;
  const labels = {
    ...MANAGED_BY_LABELS,
    "app.kubernetes.io/name": `${drill}-check`,
  };
  const image = `ghcr.io/cloudnative-pg/postgresql:${stack.postgres.majorVersion}`;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: `${drill}-check`,
      namespace: stack.postgres.namespace,
      labels,
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: 7200,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: POSTGRES_UID,
            runAsGroup: POSTGRES_UID,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: "check",
              image,
              command: ["/bin/sh", "-c", restoreCheckScript()],
              env: checkEnv(stack, drill),
              resources: {
                requests: { cpu: "50m", memory: "64Mi" },
                limits: { memory: "256Mi" },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }],
        },
      },
    },
  } as JsonObject;
}
