/**
 * A real coturn for the consumer tests: our generated `turnserver.conf`,
 * moved onto 127.0.0.1, and `turnutils_uclient` allocations against it.
 */
import { createConnection } from "node:net";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import {
  LOOPBACK,
  runCommand,
  ServerProcess,
  type CommandResult,
} from "./processes.js";
import { TOOLS } from "./tools.js";
import { readObjects, type GeneratedTree } from "./tree.js";

/** Key of the coturn config file in its ConfigMap. */
const CONF_KEY = "turnserver.conf";

/** Ports and files of one test coturn. */
export interface CoturnSite {
  dir: string;
  port: number;
  tlsPort: number;
  certFile: string;
  keyFile: string;
}

/** The loopback peer range that the generated config denies. */
const LOOPBACK_PEERS = "127.0.0.0-127.255.255.255";

/** Options the test sets itself, dropped from the generated config. */
const REPLACED = new Set([
  "listening-ip",
  "relay-ip",
  "external-ip",
  "listening-port",
  "tls-listening-port",
  "cert",
  "pkey",
  "pidfile",
  "userdb",
]);

/**
 * Moves a generated `turnserver.conf` onto loopback. Only addresses, ports
 * and file paths change, plus two test switches: `allow-loopback-peers`
 * (with the loopback deny rule removed) so that a peer on 127.0.0.1 can
 * receive relayed data, and `verbose` so that coturn logs each 401.
 */
export function loopbackTurnServerConf(conf: string, site: CoturnSite): string {
  const generatedLines = conf.split("\n").filter((line) => {
    const name = (line.split("=")[0] ?? "").trim();
    const isLoopbackDeny = line.trim() === `denied-peer-ip=${LOOPBACK_PEERS}`;
    return line.trim() !== "" && !REPLACED.has(name) && !isLoopbackDeny;
  });

  const testLines = [
    `listening-ip=${LOOPBACK}`,
    `relay-ip=${LOOPBACK}`,
    `listening-port=${site.port}`,
    `tls-listening-port=${site.tlsPort}`,
    `cert=${site.certFile}`,
    `pkey=${site.keyFile}`,
    `pidfile=${join(site.dir, "turnserver.pid")}`,
    `userdb=${join(site.dir, "turndb")}`,
    "allow-loopback-peers",
    "verbose",
  ];
  return `${[...generatedLines, ...testLines].join("\n")}\n`;
}

/** Makes a self-signed certificate for coturn's TLS listener. */
export async function selfSignedCertificate(
  dir: string,
  commonName: string,
): Promise<{ certFile: string; keyFile: string }> {
  const certFile = join(dir, "tls.crt");
  const keyFile = join(dir, "tls.key");
  const result = await runCommand(
    TOOLS.openssl.path,
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${commonName}`,
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { timeoutMs: 30_000 },
  );
  if (result.code !== 0) {
    throw new Error(`openssl req failed:\n${result.stderr}`);
  }
  return { certFile, keyFile };
}

/**
 * Replaces the config path and the `$(VAR)` references that Kubernetes
 * expands in the generated container args.
 */
export function turnserverArgs(
  containerArgs: string[],
  confPath: string,
  env: Record<string, string>,
): string[] {
  const args = containerArgs.map((arg) =>
    arg.replace(/\$\(([A-Z0-9_]+)\)/g, (reference: string, name: string) => {
      const value = env[name];
      if (value === undefined) {
        throw new Error(`no test value for ${reference} in coturn's args`);
      }
      return value;
    }),
  );
  const config = args.indexOf("-c");
  if (config === -1) {
    throw new Error(`coturn's args name no config file: ${args.join(" ")}`);
  }
  args[config + 1] = confPath;
  return args;
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Writes the config and starts turnserver; waits for its TCP listener. */
export async function startCoturn(
  site: CoturnSite,
  conf: string,
  containerArgs: string[],
  env: Record<string, string>,
): Promise<ServerProcess> {
  const confPath = join(site.dir, "turnserver.conf");
  writeFileSync(confPath, conf);
  const server = ServerProcess.start(
    "turnserver",
    TOOLS.turnserver.path,
    turnserverArgs(containerArgs, confPath, env),
    { logFile: join(site.dir, "turnserver.log"), cwd: site.dir },
  );
  await server.waitUntilReady(() => tcpAccepts(site.port), 30_000);
  return server;
}

/** Starts `turnutils_peer`, a UDP echo peer that relayed data goes to. */
export function startPeer(dir: string, port: number): ServerProcess {
  return ServerProcess.start(
    "turnutils_peer",
    TOOLS.turnutilsPeer.path,
    ["-L", LOOPBACK, "-p", String(port)],
    { logFile: join(dir, "turnutils_peer.log") },
  );
}

/** Credentials as `/voip/turnServer` returns them. */
export interface TurnCredentials {
  username: string;
  password: string;
}

/**
 * Allocates a relay with `turnutils_uclient` and sends `messages` UDP
 * messages through it to the peer, which echoes them back. With `dtls` the
 * client talks DTLS to the TLS port.
 * NOTE: TLS over TCP is not tested because turnutils_uclient 4.6.1 hangs
 * in its TLS handshake when the server sets no-tlsv1 and no-tlsv1_1.
 */
export function allocateAndRelay(
  site: CoturnSite,
  peerPort: number,
  credentials: TurnCredentials,
  options: { dtls?: boolean; messages?: number } = {},
): Promise<CommandResult> {
  const transport = options.dtls
    ? ["-S", "-p", String(site.tlsPort)]
    : ["-p", String(site.port)];
  const args = [
    ...transport,
    "-u",
    credentials.username,
    "-w",
    credentials.password,
    "-e",
    LOOPBACK,
    "-r",
    String(peerPort),
    "-n",
    String(options.messages ?? 5),
    "-m",
    "1",
    "-c",
    LOOPBACK,
  ];
  return runCommand(TOOLS.turnutilsClient.path, args, { timeoutMs: 60_000 });
}

/**
 * Reads the totals of messages the client sent and received back from its
 * last progress line, or returns undefined when there is none.
 */
export function relayedMessages(
  output: string,
): { sent: number; received: number } | undefined {
  const matches = [
    ...output.matchAll(/tot_send_msgs=(\d+), tot_recv_msgs=(\d+)/g),
  ];
  const last = matches.at(-1);
  if (last === undefined) {
    return undefined;
  }
  return { sent: Number(last[1]), received: Number(last[2]) };
}

/** coturn as the generated tree deploys it. */
export interface GeneratedCoturn {
  conf: string;
  /** The container's args, with `$(VAR)` references unexpanded. */
  args: string[];
  /** The Secret key behind each environment variable of the container. */
  secretEnv: Record<string, { name: string; key: string }>;
}

interface Container {
  command?: string[];
  args?: string[];
  env?: {
    name: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
}

/** Reads coturn's ConfigMap and Deployment from the generated tree. */
export function generatedCoturn(tree: GeneratedTree): GeneratedCoturn {
  const objects = readObjects(tree.fluxRoot).map(({ object }) => object);
  const conf = objects
    .filter((object) => object.kind === "ConfigMap")
    .map((object) => (object.data as Record<string, string>)?.[CONF_KEY])
    .find((text) => text !== undefined);
  const container = objects
    .filter((object) => object.kind === "Deployment")
    .flatMap((object) => {
      const spec = object.spec as { template: { spec: { containers: [] } } };
      return spec.template.spec.containers as Container[];
    })
    .find((candidate) => candidate.command?.[0] === "turnserver");
  if (conf === undefined || container === undefined) {
    throw new Error(
      `the generated tree has no ConfigMap with ${CONF_KEY} or no ` +
        "Deployment whose container runs turnserver",
    );
  }

  const secretEnv: GeneratedCoturn["secretEnv"] = {};
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref !== undefined) {
      secretEnv[variable.name] = { name: ref.name, key: ref.key };
    }
  }
  return { conf, args: container.args ?? [], secretEnv };
}
