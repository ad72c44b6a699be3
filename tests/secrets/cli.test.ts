/**
 * The real CLI in a child process: `secrets`, `secrets rotate` and
 * `invite` against a fake Authentik API on 127.0.0.1, with a fresh age key.
 */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { plannedSecretFiles } from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../golden/tree.js";
import {
  createTestRepository,
  decrypt,
  snapshotTree,
  sopsBinary,
  type TestRepository,
} from "./harness.js";

const run = promisify(execFile);
const CLI = join(REPO_ROOT, "tests/golden/cli.ts");
const TSX_LOADER = import.meta.resolve("tsx");
const FLOW_PK = "8a1f5a52-2f6e-4c3e-9a0e-0c6f1d2b3a4c";
const INVITATION_PK = "5d6f8e2a-1b3c-4d5e-8f90-a1b2c3d4e5f6";

const CONFIG = {
  serverName: "example.test",
  cluster: { name: "test", publicIP: "203.0.113.10" },
  monitoring: { enabled: false },
  // The repository's setup site is built for another server name, and a
  // config outside the workspace renders with the CLI's build output.
  setupSite: { enabled: false },
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface RecordedRequest {
  method: string;
  url: string;
  authorization: string;
  body: string;
}

let repo: TestRepository;
let server: Server;
let apiUrl: string;
const requests: RecordedRequest[] = [];
const outputs: string[] = [];

async function cli(args: string[], env: Record<string, string> = {}) {
  const result: CliResult = await run(
    process.execPath,
    ["--conditions=source", "--import", TSX_LOADER, CLI, ...args],
    {
      cwd: repo.root,
      env: {
        ...process.env,
        AXION_SOPS: sopsBinary(),
        AUTHENTIK_TOKEN: "",
        ...env,
      },
    },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  outputs.push(result.stdout, result.stderr);
  return result;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function fakeAuthentik(token: () => string): Server {
  return createServer((request, response) => {
    answer(request, token).then(
      ({ status, body }) => {
        response.setHeader("content-type", "application/json");
        response.writeHead(status).end(body);
      },
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
}

async function answer(
  request: IncomingMessage,
  token: () => string,
): Promise<{ status: number; body: string }> {
  const body = await readBody(request);
  const authorization = request.headers.authorization ?? "";
  requests.push({
    method: request.method ?? "",
    url: request.url ?? "",
    authorization,
    body,
  });
  if (authorization !== `Bearer ${token()}`) {
    return { status: 403, body: '{"detail":"invalid token"}' };
  }
  if (request.url === "/api/v3/flows/instances/?slug=matrix-enrollment") {
    const results = [{ pk: FLOW_PK, slug: "matrix-enrollment" }];
    return { status: 200, body: JSON.stringify({ results }) };
  }
  if (request.url === "/api/v3/stages/invitation/invitations/") {
    const created = { ...JSON.parse(body), pk: INVITATION_PK };
    return { status: 201, body: JSON.stringify(created) };
  }
  return { status: 404, body: "{}" };
}

function bootstrapToken(): string {
  const text = decrypt(repo, "flux/secrets/authentik/authentik-bootstrap.yaml");
  const secret = parse(text) as { stringData: Record<string, string> };
  return secret.stringData["bootstrap-token"] as string;
}

beforeAll(async () => {
  repo = createTestRepository(CONFIG);
  mkdirSync(repo.treeRoot, { recursive: true });
  writeFileSync(join(repo.root, "stack.config.json"), JSON.stringify(CONFIG));
  server = fakeAuthentik(bootstrapToken);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  repo.remove();
});

const CONFIG_ARGS = ["--config", "stack.config.json", "--out", "flux"];

describe("axion-stack secrets", () => {
  it("is asked for by generate first", async () => {
    const result = await cli(["generate", ...CONFIG_ARGS]);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: Secret matrix-oidc-client has no file at flux\/secrets\/matrix\/matrix-oidc-client\.yaml/,
    );
    expect(result.stderr).toContain('run "axion-stack secrets"');
  });

  it("creates every Secret file", async () => {
    const result = await cli(["secrets", ...CONFIG_ARGS]);

    expect(result.stderr).toMatch(/secrets: \d+ created, 0 completed/);
    expect(result.code).toBe(0);
    expect(bootstrapToken().length).toBeGreaterThan(40);
  });

  it("changes nothing on a second run", async () => {
    const before = snapshotTree(repo.root);
    const result = await cli(["secrets", ...CONFIG_ARGS]);
    const after = snapshotTree(repo.root);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/secrets: 0 created, 0 completed/);
    for (const [path, bytes] of before) {
      expect(after.get(path)?.equals(bytes), path).toBe(true);
    }
  });

  it("survives generate", async () => {
    const before = snapshotTree(join(repo.treeRoot, "secrets"));
    const result = await cli(["generate", ...CONFIG_ARGS]);
    const after = snapshotTree(join(repo.treeRoot, "secrets"));

    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("warning: Secret");
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) {
      expect(after.get(path)?.equals(bytes), path).toBe(true);
    }
  });

  it("lists Secrets without values", async () => {
    const result = await cli(["secrets", "list", ...CONFIG_ARGS]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "matrix/matrix-oidc-client\toidcClientSecret\t",
    );
  });

  it("rotates a Secret by namespace and name", async () => {
    const path = "flux/secrets/authentik/matrix-oidc-client.yaml";
    const before = readFileSync(join(repo.root, path), "utf8");
    const result = await cli([
      "secrets",
      "rotate",
      "authentik/matrix-oidc-client",
      ...CONFIG_ARGS,
    ]);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/2 files rewritten/);
    expect(readFileSync(join(repo.root, path), "utf8")).not.toBe(before);
  });

  it("rotates one Secret", async () => {
    const path = "flux/secrets/matrix/matrix-oidc-client.yaml";
    const before = readFileSync(join(repo.root, path), "utf8");
    const result = await cli([
      "secrets",
      "rotate",
      "oidcClientSecret",
      ...CONFIG_ARGS,
    ]);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/2 files rewritten/);
    expect(readFileSync(join(repo.root, path), "utf8")).not.toBe(before);
  });

  it("rejects an unknown subcommand", async () => {
    const result = await cli(["secrets", "delete", ...CONFIG_ARGS]);

    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/unknown secrets command "delete"/);
  });
});

describe("axion-stack invite", () => {
  it("prints the enrollment link", async () => {
    const started = Date.now();
    const result = await cli(
      ["invite", "--name", "alice", "--authentik-url", apiUrl, ...CONFIG_ARGS],
      { SOPS_AGE_KEY_FILE: repo.keyFile },
    );
    const post = requests.find((request) => request.method === "POST");
    const body = JSON.parse(post?.body ?? "{}") as Record<string, unknown>;
    const expires = Date.parse(body.expires as string);

    expect(result.stderr).toMatch(/invite: created alice, single use/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `https://auth.example.test/if/flow/matrix-enrollment/?itoken=${INVITATION_PK}\n`,
    );
    expect(body.name).toBe("alice");
    expect(body.single_use).toBe(true);
    expect(body.flow).toBe(FLOW_PK);
    expect(expires - started).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expires - started).toBeLessThan(7 * 86_400_000 + 60_000);
  });

  it("explains a rejected token", async () => {
    const result = await cli(
      ["invite", "--authentik-url", apiUrl, ...CONFIG_ARGS],
      { AUTHENTIK_TOKEN: "wrong-token" },
    );

    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/Authentik rejected the API token/);
    expect(result.stderr).not.toContain("wrong-token");
  });

  it("explains a missing age key", async () => {
    const result = await cli(
      ["invite", "--authentik-url", apiUrl, ...CONFIG_ARGS],
      {
        SOPS_AGE_KEY_FILE: join(repo.root, "no-such.agekey"),
        XDG_CONFIG_HOME: join(repo.root, "empty-config"),
      },
    );

    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/SOPS_AGE_KEY_FILE/);
  });

  it("leaves no value in output or tree", () => {
    const values = plannedSecretFiles(repo.context.stack).flatMap((file) => {
      const text = decrypt(repo, `flux/${file.path}`);
      const data = (parse(text) as { stringData: Record<string, string> })
        .stringData;
      // `fixed` values, such as database user names, are not secret.
      return Object.entries(data)
        .filter(([key]) => file.spec.keys[key]?.value.kind !== "fixed")
        .map(([, value]) => value);
    });
    const printed = outputs.join("\n");
    const tree = [...snapshotTree(repo.root)].map(([path, bytes]) => ({
      path,
      text: bytes.toString("utf8"),
    }));

    expect(values.length).toBeGreaterThan(3);
    expect(tree.some((file) => file.path.endsWith("helmrelease.yaml"))).toBe(
      true,
    );
    for (const value of values) {
      expect(printed.includes(value)).toBe(false);
      for (const file of tree) {
        expect(file.text.includes(value), file.path).toBe(false);
      }
    }
  });
});
