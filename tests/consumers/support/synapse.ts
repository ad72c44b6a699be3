/**
 * A real Synapse for the consumer tests: a homeserver.yaml built from our
 * `synapse.additional.*` fragments the way the ESS chart builds it, a
 * config check with Synapse's own parser, and a server on 127.0.0.1.
 */
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import {
  LOOPBACK,
  runCommand,
  ServerProcess,
  type CommandResult,
} from "./processes.js";
import { REPO_ROOT, TOOLS } from "./tools.js";

type YamlMap = { [key: string]: unknown };

function isMap(value: unknown): value is YamlMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Merges `overlay` into `base` as ESS's render-config does: maps merge key
 * by key, lists are appended, and any other value replaces the old one.
 */
export function mergeConfig(base: YamlMap, overlay: YamlMap): YamlMap {
  const merged: YamlMap = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const old = merged[key];
    if (isMap(old) && isMap(value)) {
      merged[key] = mergeConfig(old, value);
    } else if (Array.isArray(old) && Array.isArray(value)) {
      merged[key] = [...old, ...value];
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/** Where one test Synapse keeps its files and listens. */
export interface SynapseSite {
  dir: string;
  port: number;
  serverName: string;
  /** Secret for the shared-secret registration admin API. */
  registrationSecret: string;
}

/** Creates the folder layout and secrets of a test Synapse. */
export function createSynapseSite(
  dir: string,
  port: number,
  serverName: string,
): SynapseSite {
  mkdirSync(join(dir, "media"), { recursive: true });
  const registrationSecret = randomBytes(24).toString("hex");
  return { dir, port, serverName, registrationSecret };
}

/**
 * Builds homeserver.yaml: chart defaults, then our fragments in the order
 * given (the chart sorts them by name), then the keys the chart owns, set
 * here for a single-process server on loopback with SQLite and no
 * federation.
 */
export function homeserverConfig(
  site: SynapseSite,
  fragments: YamlMap[],
): YamlMap {
  const underrides: YamlMap = { report_stats: false };
  const owned: YamlMap = {
    server_name: site.serverName,
    public_baseurl: `http://${LOOPBACK}:${site.port}/`,
    pid_file: join(site.dir, "homeserver.pid"),
    listeners: [
      {
        port: site.port,
        bind_addresses: [LOOPBACK],
        type: "http",
        tls: false,
        x_forwarded: false,
        resources: [{ names: ["client"], compress: false }],
      },
    ],
    database: {
      name: "sqlite3",
      args: { database: join(site.dir, "homeserver.db") },
    },
    signing_key_path: join(site.dir, "signing.key"),
    media_store_path: join(site.dir, "media"),
    registration_shared_secret: site.registrationSecret,
    macaroon_secret_key: randomBytes(24).toString("hex"),
    form_secret: randomBytes(24).toString("hex"),
    enable_registration: false,
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    federation_domain_whitelist: [],
  };

  const withFragments = fragments.reduce(mergeConfig, underrides);
  return mergeConfig(withFragments, owned);
}

/** Writes `config` as homeserver.yaml into the site and returns its path. */
export function writeHomeserverConfig(site: SynapseSite, config: YamlMap) {
  const path = join(site.dir, "homeserver.yaml");
  writeFileSync(path, stringify(config));
  return path;
}

/** The settings Synapse parsed, as support/synapse_config.py prints them. */
export interface ParsedSynapseConfig {
  server_name: string;
  retention: {
    enabled: boolean;
    allowed_lifetime_min_ms: number | null;
    allowed_lifetime_max_ms: number | null;
    default_max_lifetime_ms: number | null;
  };
  auto_join_rooms: string[];
  autocreate_auto_join_rooms: boolean;
  turn_uris: string[];
  turn_shared_secret_set: boolean;
  turn_user_lifetime_ms: number;
  turn_allow_guests: boolean;
  report_stats: boolean | null;
}

function synapsePython(args: string[], timeoutMs: number) {
  return runCommand(TOOLS.synapse.path, args, { timeoutMs });
}

/**
 * Writes a new ed25519 signing key in Synapse's key file format: the
 * algorithm, a key version and the unpadded base64 of the 32-byte seed.
 * This is what `--generate-keys` writes, without starting Python.
 */
export function writeSigningKey(site: SynapseSite): void {
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "jwk" }).d as string;
  const base64 = Buffer.from(seed, "base64url")
    .toString("base64")
    .replace(/=+$/, "");
  writeFileSync(join(site.dir, "signing.key"), `ed25519 a_test ${base64}\n`);
}

/**
 * Parses homeserver.yaml with Synapse's config classes. Returns the parsed
 * values, or the command result when Synapse rejects the file.
 */
export async function parseSynapseConfig(
  configPath: string,
): Promise<{ parsed?: ParsedSynapseConfig; result: CommandResult }> {
  const script = join(REPO_ROOT, "tests/consumers/support/synapse_config.py");
  const result = await synapsePython([script, configPath], 60_000);
  if (result.code !== 0) {
    return { result };
  }
  return { parsed: JSON.parse(result.stdout) as ParsedSynapseConfig, result };
}

/** Starts Synapse and waits until the client API responds. */
export async function startSynapse(
  site: SynapseSite,
  configPath: string,
): Promise<ServerProcess> {
  const server = ServerProcess.start(
    "synapse",
    TOOLS.synapse.path,
    ["-m", "synapse.app.homeserver", "-c", configPath],
    { logFile: join(site.dir, "synapse.log"), cwd: site.dir },
  );
  const versions = `http://${LOOPBACK}:${site.port}/_matrix/client/versions`;
  await server.waitUntilReady(async () => (await fetch(versions)).ok, 120_000);
  return server;
}

/** A Matrix client-server API response. */
export interface MatrixResponse {
  status: number;
  body: YamlMap;
}

/** A client of one test Synapse, optionally logged in. */
export class MatrixClient {
  constructor(
    readonly baseUrl: string,
    readonly accessToken?: string,
    readonly userId?: string,
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<MatrixResponse> {
    const headers: Record<string, string> = {};
    if (this.accessToken !== undefined) {
      headers.Authorization = `Bearer ${this.accessToken}`;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === "" ? {} : (JSON.parse(text) as YamlMap),
    };
  }

  /**
   * Registers a user through Synapse's shared-secret admin API, which works
   * while `enable_registration` is false, and returns a client for them.
   */
  async registerWithSharedSecret(
    secret: string,
    localpart: string,
    admin = false,
  ): Promise<MatrixClient> {
    const path = "/_synapse/admin/v1/register";
    const nonce = (await this.request("GET", path)).body.nonce as string;
    const password = randomBytes(12).toString("hex");
    const mac = createHmac("sha1", secret)
      .update(`${nonce}\0${localpart}\0${password}\0`)
      .update(admin ? "admin" : "notadmin")
      .digest("hex");

    const response = await this.request("POST", path, {
      nonce,
      username: localpart,
      password,
      admin,
      mac,
    });
    if (response.status !== 200) {
      throw new Error(
        `registering @${localpart} failed with HTTP ${response.status}: ` +
          JSON.stringify(response.body),
      );
    }
    const { access_token: token, user_id: userId } = response.body;
    return new MatrixClient(this.baseUrl, token as string, userId as string);
  }
}
