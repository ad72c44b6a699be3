import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ResolvedStack } from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  durationMs,
  type GeneratedSynapse,
  prepareGeneratedSynapse,
} from "./support/generated-synapse.js";
import { sleep, type ServerProcess } from "./support/processes.js";
import {
  MatrixClient,
  type ParsedSynapseConfig,
  parseSynapseConfig,
  startSynapse,
} from "./support/synapse.js";
import { skipWithoutTools, TOOLS } from "./support/tools.js";

const skip = skipWithoutTools([TOOLS.synapse]);

/**
 * Compares the settings Synapse parsed with what the stack config sets.
 * Synapse ignores unknown keys, so a misspelt key in a fragment shows up
 * here as a missing value.
 */
function policyMismatches(
  parsed: ParsedSynapseConfig,
  stack: ResolvedStack,
): string[] {
  const { retention, autoJoinRooms } = stack.policies;
  const defaultMax = retention.defaultMaxLifetime;
  const expected: [string, unknown, unknown][] = [
    ["retention.enabled", parsed.retention.enabled, retention.enabled],
    [
      "retention.allowed_lifetime_min",
      parsed.retention.allowed_lifetime_min_ms,
      durationMs(retention.minLifetime),
    ],
    [
      "retention.allowed_lifetime_max",
      parsed.retention.allowed_lifetime_max_ms,
      durationMs(retention.maxLifetime),
    ],
    [
      "retention.default_policy.max_lifetime",
      parsed.retention.default_max_lifetime_ms,
      defaultMax === undefined ? null : durationMs(defaultMax),
    ],
    ["auto_join_rooms", parsed.auto_join_rooms, autoJoinRooms.rooms],
    [
      "autocreate_auto_join_rooms",
      parsed.autocreate_auto_join_rooms,
      autoJoinRooms.autoCreate,
    ],
    [
      "turn_user_lifetime",
      parsed.turn_user_lifetime_ms,
      durationMs(stack.coturn.credentialLifetime),
    ],
    ["report_stats", parsed.report_stats, stack.privacy.synapseReportStats],
  ];
  return expected
    .filter(([, got, want]) => JSON.stringify(got) !== JSON.stringify(want))
    .map(
      ([key, got, want]) =>
        `${key}: Synapse parsed ${JSON.stringify(got)}, the stack config ` +
        `sets ${JSON.stringify(want)}`,
    );
}

function encodeAlias(alias: string): string {
  return encodeURIComponent(alias);
}

describe.skipIf(skip)("Synapse with the generated fragments", () => {
  let work: string;
  let synapse: GeneratedSynapse;
  let server: ServerProcess;
  let anonymous: MatrixClient;
  let stack: ResolvedStack;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "axion-synapse-"));
    synapse = await prepareGeneratedSynapse(work);
    stack = synapse.tree.stack;
    server = await startSynapse(synapse.site, synapse.configPath);
    anonymous = new MatrixClient(`http://127.0.0.1:${synapse.site.port}`);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("parses every fragment as configured", async () => {
    const { parsed, result } = await parseSynapseConfig(synapse.configPath);

    expect(result.stderr).toBe("");
    expect(parsed).toBeDefined();
    expect(policyMismatches(parsed as ParsedSynapseConfig, stack)).toEqual([]);
  });

  it("auto-joins a new user to each room", async () => {
    const user = await anonymous.registerWithSharedSecret(
      synapse.site.registrationSecret,
      "first-user",
    );
    const joined = await user.request("GET", "/_matrix/client/v3/joined_rooms");

    expect(stack.policies.autoJoinRooms.rooms.length).toBeGreaterThan(0);
    for (const alias of stack.policies.autoJoinRooms.rooms) {
      const path = `/_matrix/client/v3/directory/room/${encodeAlias(alias)}`;
      const room = await user.request("GET", path);

      expect(room.status, alias).toBe(200);
      expect(joined.body.joined_rooms, alias).toContain(room.body.room_id);
    }
  });

  it("publishes a room as the rules allow", async () => {
    const user = await anonymous.registerWithSharedSecret(
      synapse.site.registrationSecret,
      "publisher",
    );
    const created = await user.request(
      "POST",
      "/_matrix/client/v3/createRoom",
      {
        room_alias_name: "published",
        // The room directory lists only rooms that anyone may join.
        preset: "public_chat",
      },
    );
    const roomId = created.body.room_id as string;

    const published = await user.request(
      "PUT",
      `/_matrix/client/v3/directory/list/room/${encodeURIComponent(roomId)}`,
      { visibility: "public" },
    );
    const listed = await user.request("GET", "/_matrix/client/v3/publicRooms");
    const listedIds = ((listed.body.chunk ?? []) as { room_id: string }[]).map(
      (room) => room.room_id,
    );

    // The stack config allows every publication: one rule, action allow.
    expect(stack.policies.roomDirectory.publicationRules[0]?.action).toBe(
      "allow",
    );
    expect(published.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(listedIds).toContain(roomId);
  });

  it("hides messages past a room's max_lifetime", async () => {
    const user = await anonymous.registerWithSharedSecret(
      synapse.site.registrationSecret,
      "retention",
    );
    const created = await user.request(
      "POST",
      "/_matrix/client/v3/createRoom",
      {
        initial_state: [
          {
            type: "m.room.retention",
            state_key: "",
            content: { max_lifetime: 1000 },
          },
        ],
      },
    );
    const room = encodeURIComponent(created.body.room_id as string);
    await user.request(
      "PUT",
      `/_matrix/client/v3/rooms/${room}/send/m.room.message/t1`,
      {
        msgtype: "m.text",
        body: "expires in one second",
      },
    );
    await sleep(2_000);

    const messages = await user.request(
      "GET",
      `/_matrix/client/v3/rooms/${room}/messages?dir=b&limit=50`,
    );
    const bodies = (messages.body.chunk as { content: { body?: string } }[])
      .map((event) => event.content.body)
      .filter((body) => body !== undefined);

    expect(messages.status).toBe(200);
    expect(bodies).not.toContain("expires in one second");
  });

  it("hands out TURN credentials for coturn", async () => {
    const user = await anonymous.registerWithSharedSecret(
      synapse.site.registrationSecret,
      "caller",
    );
    const now = Math.floor(Date.now() / 1000);
    const turn = await user.request(
      "GET",
      "/_matrix/client/v3/voip/turnServer",
    );
    const { username, password, ttl, uris } = turn.body as {
      username: string;
      password: string;
      ttl: number;
      uris: string[];
    };
    const [expiry, userId] = username.split(/:(.*)/s);
    const lifetime = durationMs(stack.coturn.credentialLifetime) / 1000;
    const [secret = ""] = synapse.secrets.values();
    const hmac = createHmac("sha1", secret).update(username).digest("base64");

    expect(turn.status).toBe(200);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) {
      expect(uri).toMatch(new RegExp(`^turns?:${stack.hosts.turn}:\\d+`));
    }
    expect(uris.join(" ")).toContain(
      `${stack.hosts.turn}:${stack.coturn.port}`,
    );
    expect(userId).toBe(user.userId);
    expect(ttl).toBe(lifetime);
    expect(Number(expiry)).toBeGreaterThanOrEqual(now + lifetime - 60);
    expect(Number(expiry)).toBeLessThanOrEqual(now + lifetime + 60);
    expect(synapse.secrets.size).toBe(1);
    expect(password).toBe(hmac);
  });

  it("logs no errors", () => {
    const errors = server
      .log()
      .split("\n")
      .filter((line) => / - (ERROR|CRITICAL) - /.test(line));

    expect(errors).toEqual([]);
  });
});

describe.skipIf(skip)("Synapse with a broken fragment", () => {
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "axion-synapse-broken-"));
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  function retentionOf(fragments: { config: Record<string, unknown> }[]) {
    const fragment = fragments.find((f) => f.config.retention !== undefined);
    if (fragment === undefined) {
      throw new Error("no generated fragment sets retention");
    }
    return fragment.config.retention as Record<string, unknown>;
  }

  it("refuses to start on an invalid duration", async () => {
    const synapse = await prepareGeneratedSynapse(join(work, "value"), (f) => {
      retentionOf(f).allowed_lifetime_min = "soon";
    });

    const start = startSynapse(synapse.site, synapse.configPath);

    await expect(start).rejects.toThrow(/exited with status 1 before/);
    await expect(start).rejects.toThrow(/Bad duration suffix soon/);
  });

  it("refuses a TURN secret path that is not mounted", async () => {
    const synapse = await prepareGeneratedSynapse(join(work, "path"), (f) => {
      const turn = f.find((fragment) => "turn_uris" in fragment.config);
      if (turn === undefined) {
        throw new Error("no generated fragment sets turn_uris");
      }
      turn.config.turn_shared_secret_path = "/not-mounted/shared-secret";
    });

    const start = startSynapse(synapse.site, synapse.configPath);

    await expect(start).rejects.toThrow(/exited with status 1 before/);
    await expect(start).rejects.toThrow(/\/not-mounted\/shared-secret/);
  });

  it("reports a misspelt retention key", async () => {
    const synapse = await prepareGeneratedSynapse(join(work, "key"), (f) => {
      const retention = retentionOf(f);
      retention.allowed_lifetime_minn = retention.allowed_lifetime_min;
      delete retention.allowed_lifetime_min;
    });

    const { parsed } = await parseSynapseConfig(synapse.configPath);
    const mismatches = policyMismatches(
      parsed as ParsedSynapseConfig,
      synapse.tree.stack,
    );

    expect(mismatches).toEqual([
      "retention.allowed_lifetime_min: Synapse parsed null, the stack " +
        "config sets 86400000",
    ]);
  });
});
