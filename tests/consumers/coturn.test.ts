import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allocateAndRelay,
  type CoturnSite,
  generatedCoturn,
  loopbackTurnServerConf,
  relayedMessages,
  selfSignedCertificate,
  startCoturn,
  startPeer,
  type TurnCredentials,
} from "./support/coturn.js";
import {
  type GeneratedSynapse,
  prepareGeneratedSynapse,
} from "./support/generated-synapse.js";
import {
  type CommandResult,
  pickTcpAndUdpPort,
  type ServerProcess,
} from "./support/processes.js";
import { MatrixClient, startSynapse } from "./support/synapse.js";
import { skipWithoutTools, TOOLS } from "./support/tools.js";

const skip = skipWithoutTools([
  TOOLS.synapse,
  TOOLS.turnserver,
  TOOLS.turnutilsClient,
  TOOLS.turnutilsPeer,
  TOOLS.openssl,
]);

/** Signs a TURN REST API username the way Synapse and coturn do. */
function sign(username: string, secret: string): TurnCredentials {
  const password = createHmac("sha1", secret).update(username).digest("base64");
  return { username, password };
}

describe.skipIf(skip)("coturn with credentials from Synapse", () => {
  let work: string;
  let synapse: GeneratedSynapse;
  let site: CoturnSite;
  let peerPort: number;
  let caller: MatrixClient;
  let secret: string;
  let coturnServer: ServerProcess;
  const servers: ServerProcess[] = [];

  /** Explains a failed allocation with the client and coturn output. */
  function explain(result: CommandResult): string {
    const coturnLines = coturnServer
      .log()
      .split("\n")
      .filter((line) => /denied|error 4\d\d|ERROR/.test(line))
      .slice(0, 20);
    return (
      `turnutils_uclient exited with ${result.code}. Its output ends:\n` +
      `${(result.stdout + result.stderr).slice(-1500)}\n` +
      `coturn's errors:\n${coturnLines.join("\n")}`
    );
  }

  /** coturn's log lines that reject `username` with 401. */
  function unauthorizedLines(username: string): string[] {
    return coturnServer
      .log()
      .split("\n")
      .filter((line) => line.includes(`user <${username}>`))
      .filter((line) => line.includes("error 401"));
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "axion-coturn-"));
    synapse = await prepareGeneratedSynapse(work);
    servers.push(await startSynapse(synapse.site, synapse.configPath));

    const coturn = generatedCoturn(synapse.tree);
    const env: Record<string, string> = {};
    for (const [variable, ref] of Object.entries(coturn.secretEnv)) {
      const value = synapse.secrets.get(`${ref.name}/${ref.key}`);
      if (value === undefined) {
        throw new Error(
          `coturn reads Secret ${ref.name} key ${ref.key}, which Synapse ` +
            "does not mount, so they would not share one TURN secret",
        );
      }
      env[variable] = value;
    }
    const [sharedSecret] = Object.values(env);
    if (sharedSecret === undefined) {
      throw new Error("coturn's container reads no Secret for its args");
    }
    secret = sharedSecret;

    const dir = join(work, "coturn");
    mkdirSync(dir);
    const certificate = await selfSignedCertificate(
      dir,
      synapse.tree.stack.hosts.turn,
    );
    site = {
      dir,
      port: await pickTcpAndUdpPort(),
      tlsPort: await pickTcpAndUdpPort(),
      ...certificate,
    };
    const conf = loopbackTurnServerConf(coturn.conf, site);
    coturnServer = await startCoturn(site, conf, coturn.args, env);
    servers.push(coturnServer);
    peerPort = await pickTcpAndUdpPort();
    servers.push(startPeer(dir, peerPort));

    const base = `http://127.0.0.1:${synapse.site.port}`;
    caller = await new MatrixClient(base).registerWithSharedSecret(
      synapse.site.registrationSecret,
      "caller",
    );
  });

  afterAll(async () => {
    for (const server of servers.reverse()) {
      await server.stop();
    }
    rmSync(work, { recursive: true, force: true });
  });

  async function synapseCredentials(): Promise<TurnCredentials> {
    const turn = await caller.request(
      "GET",
      "/_matrix/client/v3/voip/turnServer",
    );
    expect(turn.status).toBe(200);
    return turn.body as unknown as TurnCredentials;
  }

  it("relays UDP with Synapse's credentials", async () => {
    const credentials = await synapseCredentials();

    const result = await allocateAndRelay(site, peerPort, credentials);

    expect(result.code, explain(result)).toBe(0);
    const output = result.stdout + result.stderr;
    expect(relayedMessages(output), explain(result)).toEqual({
      sent: 5,
      received: 5,
    });
  });

  it("relays over DTLS on the TLS port", async () => {
    const credentials = await synapseCredentials();

    const result = await allocateAndRelay(site, peerPort, credentials, {
      dtls: true,
    });

    expect(result.code, explain(result)).toBe(0);
    const output = result.stdout + result.stderr;
    expect(relayedMessages(output), explain(result)).toEqual({
      sent: 5,
      received: 5,
    });
  });

  it("rejects a password from another secret", async () => {
    const { username } = await synapseCredentials();
    const credentials = sign(username, `${secret}-other`);

    const result = await allocateAndRelay(site, peerPort, credentials);

    expect(result.code).not.toBe(0);
    expect(unauthorizedLines(username).length).toBeGreaterThan(0);
  });

  it("rejects an expired username", async () => {
    const expired = Math.floor(Date.now() / 1000) - 60;
    const username = `${expired}:${caller.userId}`;
    const credentials = sign(username, secret);

    const result = await allocateAndRelay(site, peerPort, credentials);

    expect(result.code).not.toBe(0);
    expect(unauthorizedLines(username).length).toBeGreaterThan(0);
  });
});
