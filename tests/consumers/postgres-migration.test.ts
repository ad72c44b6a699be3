/**
 * The generated migration script against two real PostgreSQL servers on
 * 127.0.0.1: one plays ESS's embedded PostgreSQL and one the
 * CloudNativePG primary. A fake `kubectl` logs every call and runs
 * `exec` commands on this machine against the matching server, so pg_dump,
 * pg_restore and the row count checks run for real.
 */
import { readFileSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import {
  EMBEDDED_DATABASES,
  migrationScript,
  resolveStack,
} from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  POSTGRES_TOOLS,
  PostgresSandbox,
  type PostgresServer,
  tableWithRows,
} from "./support/postgres.js";
import { runCommand } from "./support/processes.js";
import { skipWithoutTools } from "./support/tools.js";

const skip = skipWithoutTools(POSTGRES_TOOLS);

const ADMIN_PASSWORD = "embedded-admin-pw";
const ROWS = { users: 30, rooms: 10, events: 500, room_memberships: 60 };
const MAS_ROWS = {
  users: 30,
  user_sessions: 12,
  oauth2_sessions: 7,
  compat_sessions: 3,
};

// A fake kubectl for the calls the script makes. `exec` runs the command
// after `--` on this machine, pointed at the server that plays the pod.
const FAKE_KUBECTL = String.raw`#!/bin/bash
set -eu
shift 2
verb=$1
shift
echo "$verb $*" >> "$KUBECTL_LOG"
case "$verb" in
  get)
    if [ "$1" = secret ]; then printf '%s' "$ADMIN_PASSWORD" | base64; exit 0; fi
    case " $* " in *" -l "*) printf 'matrix-postgres-1' ;; esac
    ;;
  exec)
    pod=$2
    shift 5
    if [ "$pod" = ess-postgres-0 ]; then
      PGPORT=$EMBEDDED_PORT exec "$@"
    fi
    PGHOST=$TARGET_SOCKET PGPORT=$TARGET_PORT exec "$@"
    ;;
esac
`;

let sandbox: PostgresSandbox;
let embedded: PostgresServer;
let cluster: PostgresServer;

function seedEmbedded(): void {
  const sql = (db: string, statements: string) =>
    sandbox.sql(embedded, db, statements);
  for (const [key, db] of Object.entries(EMBEDDED_DATABASES)) {
    const owner = `${db}_user`;
    sql("postgres", `CREATE ROLE ${owner} LOGIN PASSWORD 'x'`);
    sql("postgres", `CREATE DATABASE ${db} OWNER ${owner}`);
    const rows = key === "synapse" ? ROWS : MAS_ROWS;
    for (const [table, count] of Object.entries(rows)) {
      sql(db, tableWithRows(table, count, owner));
    }
  }
}

function seedCluster(): void {
  for (const db of ["synapse", "mas"]) {
    sandbox.sql(cluster, "postgres", `CREATE ROLE ${db}`);
    sandbox.sql(cluster, "postgres", `CREATE DATABASE ${db} OWNER ${db}`);
  }
}

async function runMigration() {
  const stack = resolveStack({
    serverName: "example.org",
    postgres: { mode: "migrating" },
  });
  const script = join(sandbox.root, "migrate.sh");
  writeFileSync(script, migrationScript(stack));
  const bin = join(sandbox.root, "bin");
  return runCommand("/bin/bash", [script], {
    timeoutMs: 120_000,
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      KUBECTL_LOG: join(sandbox.root, "kubectl.log"),
      ADMIN_PASSWORD,
      EMBEDDED_PORT: String(embedded.port),
      TARGET_SOCKET: cluster.socketDir,
      TARGET_PORT: String(cluster.port),
      PGSSLMODE: "require",
      WORK_DIR: join(sandbox.root, "work"),
    },
  });
}

describe.skipIf(skip)("embedded PostgreSQL migration script", () => {
  beforeAll(async () => {
    sandbox = new PostgresSandbox();
    embedded = await sandbox.start("embedded", ADMIN_PASSWORD);
    cluster = await sandbox.start("cluster", "cluster-admin-pw");
    seedEmbedded();
    seedCluster();
    const bin = join(sandbox.root, "bin");
    await runCommand("/bin/mkdir", [bin], { timeoutMs: 5_000 });
    writeFileSync(join(bin, "kubectl"), FAKE_KUBECTL);
    chmodSync(join(bin, "kubectl"), 0o755);
  }, 120_000);

  afterAll(() => sandbox?.stop());

  it("copies both databases and checks every table", async () => {
    const result = await runMigration();

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "ok synapse.events embedded=500 cluster=500",
    );
    expect(result.stdout).toContain(
      "ok mas.compat_sessions embedded=3 cluster=3",
    );
    expect(result.stdout).toContain('set postgres.mode: "cloudnative-pg"');
  });

  it("makes the database owners own the tables", () => {
    const owner = sandbox.sql(
      cluster,
      "synapse",
      "SELECT tableowner FROM pg_tables WHERE tablename = 'events'",
    );

    expect(owner).toBe("synapse");
  });

  it("stops ESS before dumping", () => {
    const log = readFileSync(join(sandbox.root, "kubectl.log"), "utf8");
    const suspend = log.indexOf("patch helmrelease ess");
    const scale = log.indexOf(
      "scale statefulset ess-synapse-main --replicas=0",
    );
    const dump = log.indexOf("pg_dump");

    expect(suspend).toBeGreaterThan(-1);
    expect(scale).toBeGreaterThan(suspend);
    expect(dump).toBeGreaterThan(scale);
  });

  it("refuses a target that has tables", async () => {
    const result = await runMigration();

    expect(result.stderr).toContain(
      "FAILED: database synapse in matrix-postgres already has 4 tables",
    );
    expect(result.code).toBe(1);
  });
});
