/**
 * The restore drill's check script against two real PostgreSQL servers on
 * 127.0.0.1, one as the source and one as the restored copy, both with
 * TLS as CloudNativePG serves it. The script runs exactly as the Job
 * would, with the environment the generator gives it.
 */
import { join } from "node:path";
import { CHECKED_TABLES, restoreCheckScript } from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  POSTGRES_TOOLS,
  PostgresSandbox,
  type PostgresServer,
  tableWithRows,
} from "./support/postgres.js";
import { LOOPBACK, runCommand } from "./support/processes.js";
import { skipWithoutTools } from "./support/tools.js";

const skip = skipWithoutTools(POSTGRES_TOOLS);

const PASSWORDS = { synapse: "synapse-pw", mas: "mas-pw", drill: "drill-pw" };

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

let sandbox: PostgresSandbox;
let source: PostgresServer;
let drill: PostgresServer;

function createTables(server: PostgresServer): void {
  for (const [database, tables] of Object.entries(ROWS)) {
    sandbox.sql(
      server,
      "postgres",
      `CREATE DATABASE ${database} OWNER ${database}`,
    );
    for (const [table, count] of Object.entries(tables)) {
      sandbox.sql(server, database, tableWithRows(table, count, database));
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
      PGPASSFILE: join(sandbox.root, "pgpass"),
      SYNAPSE_PASSWORD: PASSWORDS.synapse,
      MAS_PASSWORD: PASSWORDS.mas,
      DRILL_PASSWORD: PASSWORDS.drill,
    },
  });
}

describe.skipIf(skip)("restore drill check against PostgreSQL", () => {
  beforeAll(async () => {
    sandbox = new PostgresSandbox();
    source = await sandbox.start("source", "source-admin-pw");
    drill = await sandbox.start("drill", PASSWORDS.drill);
    for (const owner of ["synapse", "mas"] as const) {
      const password = `LOGIN PASSWORD '${PASSWORDS[owner]}'`;
      sandbox.sql(source, "postgres", `CREATE ROLE ${owner} ${password}`);
      sandbox.sql(drill, "postgres", `CREATE ROLE ${owner}`);
    }
    createTables(source);
    createTables(drill);
  }, 120_000);

  afterAll(() => sandbox?.stop());

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
    sandbox.sql(
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
    sandbox.sql(drill, "synapse", "DELETE FROM events WHERE id > 800");

    const result = await runCheck();

    expect(result.stdout).toContain(
      "FAIL synapse.events source=905 restored=800",
    );
    expect(result.stdout).toContain("restore drill FAILED");
    expect(result.code).toBe(1);
  });

  it("fails when a restored table is empty", async () => {
    sandbox.sql(
      drill,
      "synapse",
      "INSERT INTO events SELECT generate_series(801, 905)",
    );
    sandbox.sql(drill, "mas", "DELETE FROM oauth2_sessions");

    const result = await runCheck();

    expect(result.stdout).toContain("ok synapse.events");
    expect(result.stdout).toContain(
      "FAIL mas.oauth2_sessions source=10 restored=0",
    );
    expect(result.code).toBe(1);
  });
});
