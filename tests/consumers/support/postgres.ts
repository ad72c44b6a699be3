/**
 * Throwaway PostgreSQL servers for the consumer tests: each listens on
 * 127.0.0.1 with TLS and scram-sha-256 for TCP, and on a Unix socket with
 * trust for setting up data. initdb refuses to run as root, so as root
 * the servers run as the `postgres` user that the Debian packages create.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOOPBACK, pickTcpPort } from "./processes.js";
import { TOOLS, type Tool } from "./tools.js";

const PG_BIN = "/usr/lib/postgresql/15/bin";

function pgTool(name: string, path = join(PG_BIN, name)): Tool {
  return { name, path, installName: "postgresql" };
}

/** The PostgreSQL programs these helpers run. */
export const POSTGRES_TOOLS: Tool[] = [
  pgTool("initdb"),
  pgTool("pg_ctl"),
  pgTool("psql", "/usr/bin/psql"),
  pgTool("pg_isready", "/usr/bin/pg_isready"),
  pgTool("pg_dump", "/usr/bin/pg_dump"),
  pgTool("pg_restore", "/usr/bin/pg_restore"),
  TOOLS.openssl,
];

const POSTGRES_USER = "postgres";
const asRoot = process.getuid?.() === 0;

/** One running server. */
export interface PostgresServer {
  name: string;
  dir: string;
  port: number;
  /** Folder of the Unix socket, for PGHOST. */
  socketDir: string;
}

/** Runs a program as the user that owns the servers. */
export function asPostgres(command: string, args: string[]): string {
  const [file, argv] = asRoot
    ? ["/usr/sbin/runuser", ["-u", POSTGRES_USER, "--", command, ...args]]
    : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: "pipe" });
}

function ownedByPostgres(path: string): void {
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", POSTGRES_USER]).toString());
    const gid = Number(execFileSync("id", ["-g", POSTGRES_USER]).toString());
    chownSync(path, uid, gid);
  }
}

/** A folder of servers that share one TLS certificate. */
export class PostgresSandbox {
  readonly root = mkdtempSync(join(tmpdir(), "axion-postgres-"));
  private readonly servers: PostgresServer[] = [];
  private readonly tls: { cert: string; key: string };

  constructor() {
    ownedByPostgres(this.root);
    const cert = join(this.root, "server.crt");
    const key = join(this.root, "server.key");
    execFileSync(
      TOOLS.openssl.path,
      ["req", "-x509", "-nodes", "-newkey", "rsa:2048", "-days", "1"].concat([
        "-subj",
        "/CN=localhost",
        "-keyout",
        key,
        "-out",
        cert,
      ]),
      { stdio: "pipe" },
    );
    chmodSync(key, 0o600);
    ownedByPostgres(key);
    this.tls = { cert, key };
  }

  /** Starts a server whose `postgres` superuser has `password`. */
  async start(name: string, password: string): Promise<PostgresServer> {
    const dir = join(this.root, name);
    const socketDir = join(this.root, `${name}-socket`);
    mkdirSync(socketDir);
    ownedByPostgres(socketDir);
    const pwfile = join(this.root, `${name}-password`);
    writeFileSync(pwfile, password);
    ownedByPostgres(pwfile);
    asPostgres(join(PG_BIN, "initdb"), [
      ...["-D", dir, "-U", "postgres", "-E", "UTF8", "--locale=C"],
      ...["--auth-local=trust", "--auth-host=scram-sha-256"],
      `--pwfile=${pwfile}`,
    ]);

    const port = await pickTcpPort();
    const options = [
      `-p ${port} -k ${socketDir} -c listen_addresses=${LOOPBACK}`,
      `-c ssl=on -c ssl_cert_file=${this.tls.cert}`,
      `-c ssl_key_file=${this.tls.key}`,
    ].join(" ");
    const log = join(this.root, `${name}.log`);
    asPostgres(
      join(PG_BIN, "pg_ctl"),
      ["-D", dir, "-o", options, "-l", log].concat(["-w", "start"]),
    );
    const server = { name, dir, port, socketDir };
    this.servers.push(server);
    return server;
  }

  /** Runs SQL as the superuser over the socket; throws on any error. */
  sql(server: PostgresServer, database: string, statements: string): string {
    return asPostgres("/usr/bin/psql", [
      ...["-v", "ON_ERROR_STOP=1", "-Atq", "-h", server.socketDir],
      ...["-p", String(server.port), "-U", "postgres", "-d", database],
      ...["-c", statements],
    ]).trim();
  }

  /** Stops every server and deletes the folder. */
  stop(): void {
    for (const server of this.servers) {
      asPostgres(
        join(PG_BIN, "pg_ctl"),
        ["-D", server.dir, "-m", "fast"].concat(["-w", "stop"]),
      );
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Creates `count` rows in a new table owned by `owner`. */
export function tableWithRows(table: string, count: number, owner: string) {
  return (
    `CREATE TABLE ${table} (id integer PRIMARY KEY); ` +
    `INSERT INTO ${table} SELECT generate_series(1, ${count}); ` +
    `ALTER TABLE ${table} OWNER TO ${owner}`
  );
}
