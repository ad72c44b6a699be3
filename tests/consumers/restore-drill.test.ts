/**
 * The restore drill's check script against two real PostgreSQL servers on
 * 127.0.0.1, one as the source and one as the restored copy, both with
 * TLS as CloudNativePG serves it. The script runs exactly as the Job
 * would, with the environment the generator gives it.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHECKED_TABLES, restoreCheckScript } from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOOPBACK, pickTcpPort, runCommand } from "./support/processes.js";
import { skipWithoutTools, TOOLS, type Tool } from "./support/tools.js";

const PG_BIN = "/usr/lib/postgresql/15/bin";
const pgTool = (name: string): Tool => ({
  name,
  path: join(PG_BIN, name),
  installName: "postgresql",
});
const PG = { initdb: pgTool("initdb"), pgCtl: pgTool("pg_ctl") };
const PSQL = {
  name: "psql",
  path: "/usr/bin/psql",
  installName: "postgresql-client",
};
const PG_ISREADY = { ...PSQL, name: "pg_isready", path: "/usr/bin/pg_isready" };

const skip = skipWithoutTools([
  PG.initdb,
  PG.pgCtl,
  PSQL,
  PG_ISREADY,
  TOOLS.openssl,
]);

/** initdb refuses root, so as root the servers run as the postgres user. */
const asRoot = process.getuid?.() === 0;
const POSTGRES_USER = "postgres";
const PASSWORDS = {
  synapse: "synapse-pw",
  mas: "mas-pw",
  postgres: "drill-pw",
};

/** Rows per table in the source, and in the restored copy unless changed. */
const ROWS: Record<string, Record<string, number>> = {
  synapse: { users: 40, rooms: 12, events: 900, room_memberships: 80 },
  mas: {
    users: 40,
    user_sessions: 25,
    oauth2_sessions: 10,
    compat_sessions: 0,
  },
};

interface Server {
  dir: string;
  port: number;
}

let root = "";
let source: Server;
let drill: Server;

function asPostgres(command: string, args: string[]): string {
  const [file, argv] = asRoot
    ? ["/usr/sbin/runuser", ["-u", POSTGRES_USER, "--", command, ...args]]
    : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: "pipe" });
}

function sql(server: Server, database: string, statements: string): void {
  asPostgres(PSQL.path, [
    "-v",
    "ON_ERROR_STOP=1",
    "-q",
    "-h",
    join(root, "sockets"),
    "-p",
    String(server.port),
    "-U",
    "postgres",
    "-d",
    database,
    "-c",
    statements,
  ]);
}

function certificate(): { cert: string; key: string } {
  const cert = join(root, "server.crt");
  const key = join(root, "server.key");
  execFileSync(
    TOOLS.openssl.path,
    [
      "req",
      "-x509",
      "-nodes",
      "-newkey",
      "rsa:2048",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "pipe" },
  );
  chmodSync(key, 0o600);
  return { cert, key };
}

async function startServer(name: string, tls: { cert: string; key: string }) {
  const dir = join(root, name);
  const port = await pickTcpPort();
  const pwfile = join(root, "pwfile");
  writeFileSync(pwfile, PASSWORDS.postgres);
  asPostgres(PG.initdb.path, [
    "-D",
    dir,
    "-U",
    "postgres",
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    `--pwfile=${pwfile}`,
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  const options = [
    `-p ${port}`,
    `-k ${join(root, "sockets")}`,
    `-c listen_addresses=${LOOPBACK}`,
    "-c ssl=on",
    `-c ssl_cert_file=${tls.cert}`,
    `-c ssl_key_file=${tls.key}`,
  ].join(" ");
  asPostgres(PG.pgCtl.path, [
    "-D",
    dir,
    "-o",
    options,
    "-l",
    join(root, `${name}.log`),
    "-w",
    "start",
  ]);
  return { dir, port };
}

function createTables(server: Server, rows: typeof ROWS): void {
  for (const [database, tables] of Object.entries(rows)) {
    sql(server, "postgres", `CREATE DATABASE ${database} OWNER ${database}`);
    for (const [table, count] of Object.entries(tables)) {
      sql(
        server,
        database,
        `CREATE TABLE ${table} (id integer); ` +
          `INSERT INTO ${table} SELECT generate_series(1, ${count}); ` +
          `ALTER TABLE ${table} OWNER TO ${database}`,
      );
    }
  }
}

async function runCheck() {
  return runCommand("/bin/sh", ["-c", restoreCheckScript()], {
    timeoutMs: 60_000,
    env: {
      PATH: process.env.PATH,
      SOURCE_HOST: LOOPBACK,
      SOURCE_PORT: String(source.port),
      DRILL_HOST: LOOPBACK,
      DRILL_PORT: String(drill.port),
      MIN_MATCH_PERCENT: "99",
      PGSSLMODE: "require",
      PGPASSFILE: join(root, "pgpass"),
      SYNAPSE_PASSWORD: PASSWORDS.synapse,
      MAS_PASSWORD: PASSWORDS.mas,
      DRILL_PASSWORD: PASSWORDS.postgres,
    },
  });
}

describe.skipIf(skip)("restore drill check against PostgreSQL", () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "axion-restore-drill-"));
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", POSTGRES_USER]).toString());
      const gid = Number(execFileSync("id", ["-g", POSTGRES_USER]).toString());
      chownSync(root, uid, gid);
    }
    asPostgres("/bin/mkdir", [join(root, "sockets")]);
    const tls = certificate();
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", POSTGRES_USER]).toString());
      chownSync(tls.key, uid, 0);
    }
    source = await startServer("source", tls);
    drill = await startServer("drill", tls);

    for (const owner of ["synapse", "mas"] as const) {
      sql(
        source,
        "postgres",
        `CREATE ROLE ${owner} LOGIN PASSWORD '${PASSWORDS[owner]}'`,
      );
      sql(drill, "postgres", `CREATE ROLE ${owner}`);
    }
    createTables(source, ROWS);
    createTables(drill, ROWS);
  }, 120_000);

  afterAll(() => {
    for (const server of [source, drill]) {
      if (server) {
        asPostgres(PG.pgCtl.path, [
          "-D",
          server.dir,
          "-m",
          "fast",
          "-w",
          "stop",
        ]);
      }
    }
    if (root !== "") {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("passes when the counts match", async () => {
    const result = await runCheck();

    expect(result.stdout).toContain("restore drill passed");
    expect(result.code).toBe(0);
    for (const [database, tables] of Object.entries(CHECKED_TABLES)) {
      for (const table of tables) {
        expect(result.stdout).toMatch(
          new RegExp(`^ok ${database}\\.${table} `, "m"),
        );
      }
    }
  });

  it("tolerates a source slightly ahead", async () => {
    sql(
      source,
      "synapse",
      "INSERT INTO events SELECT generate_series(901, 905)",
    );

    const result = await runCheck();

    expect(result.stdout).toContain(
      "ok synapse.events source=905 restored=900",
    );
    expect(result.code).toBe(0);
  });

  it("fails when restored rows are missing", async () => {
    sql(drill, "synapse", "DELETE FROM events WHERE id > 800");

    const result = await runCheck();

    expect(result.stdout).toContain(
      "FAIL synapse.events source=905 restored=800",
    );
    expect(result.stdout).toContain("restore drill FAILED");
    expect(result.code).toBe(1);
  });

  it("fails when a restored table is empty", async () => {
    sql(
      drill,
      "synapse",
      "INSERT INTO events SELECT generate_series(801, 905)",
    );
    sql(drill, "mas", "DELETE FROM oauth2_sessions");

    const result = await runCheck();

    expect(result.stdout).toContain("ok synapse.events");
    expect(result.stdout).toContain(
      "FAIL mas.oauth2_sessions source=10 restored=0",
    );
    expect(result.code).toBe(1);
  });
});
