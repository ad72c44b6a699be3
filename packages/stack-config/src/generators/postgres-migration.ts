/**
 * The migration from ESS's embedded PostgreSQL to the CloudNativePG
 * Cluster. While `postgres.mode` is `migrating`, both run and the tree
 * carries `migrations/embedded-postgres.sh`: a bash script that stops
 * Synapse and MAS, copies both databases with pg_dump and pg_restore, and
 * compares row counts. docs/migrate-embedded-postgres.md describes the
 * whole sequence, including the switch of the values afterwards.
 */
import type { ResolvedStack } from "../config/resolve.js";
import { CHECKED_TABLES } from "./restore-drill-check.js";
import { secretKeyRef } from "./secret-refs.js";
import type { Generator } from "./types.js";

/** Path of the script in the tree. No Kustomization applies it. */
export const MIGRATION_SCRIPT_PATH = "migrations/embedded-postgres.sh";

/** Databases of ESS's embedded PostgreSQL, as its chart names them. */
export const EMBEDDED_DATABASES = {
  synapse: "synapse",
  mas: "matrixauthenticationservice",
} as const;

function settings(stack: ResolvedStack): string {
  const { namespace, releaseName } = stack.ess;
  const admin = secretKeyRef(
    stack,
    namespace,
    "essPostgresCredentials",
    "admin-password",
  );
  const { synapse, mas } = stack.postgres.databases;
  return [
    `NAMESPACE=${namespace}`,
    `RELEASE=${releaseName}`,
    `EMBEDDED_POD=${releaseName}-postgres-0`,
    `ADMIN_SECRET=${admin.name}`,
    `ADMIN_KEY=${admin.key}`,
    `CLUSTER=${stack.postgres.clusterName}`,
    `SYNAPSE_SOURCE=${EMBEDDED_DATABASES.synapse}`,
    `SYNAPSE_TARGET=${synapse.name}`,
    `SYNAPSE_OWNER=${synapse.owner}`,
    `MAS_SOURCE=${EMBEDDED_DATABASES.mas}`,
    `MAS_TARGET=${mas.name}`,
    `MAS_OWNER=${mas.owner}`,
    'WORK_DIR="${WORK_DIR:-./postgres-migration}"',
  ].join("\n");
}

const PREAMBLE = String.raw`# Copies Synapse's and MAS's databases from ESS's embedded PostgreSQL into
# the CloudNativePG Cluster. Run it with bash, with kubectl pointed at the
# cluster, while postgres.mode is "migrating". Every check stops the script;
# nothing is deleted. See docs/migrate-embedded-postgres.md.
set -euo pipefail
`;

const FUNCTIONS = String.raw`
step() { printf '\n== step %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
k() { kubectl -n "$NAMESPACE" "$@"; }

# Runs a command in the embedded PostgreSQL with the admin password, which
# goes in on stdin so that it appears in no command line.
embedded() {
  printf '%s\n' "$ADMIN_PASSWORD" |
    k exec -i "$EMBEDDED_POD" -c postgres -- \
      sh -c 'read -r PGPASSWORD; export PGPASSWORD; exec "$@"' sh "$@"
}
# Runs a command as postgres in the Cluster's primary, over its socket.
target() { k exec -i "$PRIMARY" -c postgres -- "$@"; }

source_rows() {
  embedded psql -h 127.0.0.1 -U postgres -d "$1" -Atc "SELECT count(*) FROM $2"
}
target_rows() { target psql -U postgres -d "$1" -Atc "SELECT count(*) FROM $2"; }
`;

const STEPS = String.raw`
step "1/6: check the embedded PostgreSQL and the Cluster"
k get pod "$EMBEDDED_POD" >/dev/null || fail "pod $EMBEDDED_POD not found"
k wait "cluster.postgresql.cnpg.io/$CLUSTER" --for=condition=Ready --timeout=10m ||
  fail "Cluster $CLUSTER is not ready"
PRIMARY=$(k get pod -l "cnpg.io/cluster=$CLUSTER,cnpg.io/instanceRole=primary" \
  -o jsonpath='{.items[0].metadata.name}')
[ -n "$PRIMARY" ] || fail "Cluster $CLUSTER has no primary pod"
ADMIN_PASSWORD=$(k get secret "$ADMIN_SECRET" -o "jsonpath={.data.$ADMIN_KEY}" | base64 -d)
[ -n "$ADMIN_PASSWORD" ] || fail "Secret $ADMIN_SECRET has no $ADMIN_KEY"
for db in "$SYNAPSE_TARGET" "$MAS_TARGET"; do
  tables=$(target psql -U postgres -d "$db" -Atc \
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
  [ "$tables" = 0 ] || fail "database $db in $CLUSTER already has $tables tables"
done

step "2/6: suspend the ESS HelmRelease, stop Synapse and MAS"
k patch helmrelease "$RELEASE" --type merge -p '{"spec":{"suspend":true}}'
k scale statefulset "$RELEASE-synapse-main" --replicas=0
k scale deployment "$RELEASE-matrix-authentication-service" --replicas=0
k wait pod -l app.kubernetes.io/name=synapse-main --for=delete --timeout=10m
k wait pod -l app.kubernetes.io/name=matrix-authentication-service \
  --for=delete --timeout=10m

step "3/6: dump the embedded databases into $WORK_DIR"
mkdir -p "$WORK_DIR"
embedded pg_dump -h 127.0.0.1 -U postgres -d "$SYNAPSE_SOURCE" -Fc --no-owner \
  --no-acl > "$WORK_DIR/synapse.dump"
embedded pg_dump -h 127.0.0.1 -U postgres -d "$MAS_SOURCE" -Fc --no-owner \
  --no-acl > "$WORK_DIR/mas.dump"
for dump in "$WORK_DIR/synapse.dump" "$WORK_DIR/mas.dump"; do
  [ -s "$dump" ] || fail "$dump is empty"
done

step "4/6: restore into $CLUSTER, owned by the database owners"
target pg_restore -U postgres -d "$SYNAPSE_TARGET" --no-owner --no-acl \
  --role="$SYNAPSE_OWNER" --exit-on-error < "$WORK_DIR/synapse.dump"
target pg_restore -U postgres -d "$MAS_TARGET" --no-owner --no-acl \
  --role="$MAS_OWNER" --exit-on-error < "$WORK_DIR/mas.dump"

step "5/6: compare row counts"
failed=0
compare() {
  before=$(source_rows "$1" "$3")
  after=$(target_rows "$2" "$3")
  status=ok
  [ "$before" = "$after" ] || { status=FAIL; failed=1; }
  echo "$status $2.$3 embedded=$before cluster=$after"
}
`;

const NEXT = String.raw`
[ "$failed" = 0 ] || fail "row counts differ; ESS stays suspended on the embedded PostgreSQL"

step "6/6: switch ESS to the Cluster"
cat <<EOF
The data is in $CLUSTER. Synapse and MAS stay stopped until you:
  1. set postgres.mode: "cloudnative-pg" in the stack config,
  2. run "axion-stack generate", commit and push,
  3. wait until Flux has applied the apps layer, then resume ESS:
     kubectl -n $NAMESPACE patch helmrelease $RELEASE --type merge -p '{"spec":{"suspend":false}}'
To go back instead, resume ESS without changing the config.
EOF
`;

/** Builds the migration script for the stack's names. */
export function migrationScript(stack: ResolvedStack): string {
  const compares = Object.entries(CHECKED_TABLES).flatMap(([db, tables]) => {
    const prefix = db === "synapse" ? "SYNAPSE" : "MAS";
    return tables.map(
      (table) => `compare "$${prefix}_SOURCE" "$${prefix}_TARGET" ${table}`,
    );
  });
  return [
    PREAMBLE,
    settings(stack),
    FUNCTIONS,
    STEPS,
    compares.join("\n"),
    NEXT,
  ].join("\n");
}

/** Renders the migration script while `postgres.mode` is `migrating`. */
export const generatePostgresMigration: Generator = (stack) =>
  stack.postgres.mode === "migrating"
    ? [{ path: MIGRATION_SCRIPT_PATH, text: migrationScript(stack) }]
    : [];
