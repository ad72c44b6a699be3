import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveStack } from "../config/resolve.js";
import { findBuildArtifacts, leftOutComponents } from "./artifacts.js";
import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";

let dir: string;

/** Creates a pnpm workspace with an Element Call build under `root`. */
async function workspace(root: string): Promise<void> {
  await mkdir(join(root, "apps/element-call/dist"), { recursive: true });
  await writeFile(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  await writeFile(join(root, "apps/element-call/dist/config.json"), "{}\n");
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "axion-artifacts-"));
  await mkdir(join(dir, "outside"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("findBuildArtifacts", () => {
  it("reads the CLI's workspace for an outside config", async () => {
    await workspace(join(dir, "tool"));
    const artifacts = findBuildArtifacts(
      join(dir, "outside/stack.yaml"),
      join(dir, "tool/packages/cli/main.js"),
    );

    expect(artifacts?.elementCall).toEqual({ "config.json": "{}\n" });
  });

  it("prefers the config's own workspace", async () => {
    await workspace(join(dir, "tool"));
    await writeFile(join(dir, "outside/pnpm-workspace.yaml"), "packages: []\n");
    const artifacts = findBuildArtifacts(
      join(dir, "outside/stack.yaml"),
      join(dir, "tool/packages/cli/main.js"),
    );

    expect(artifacts).toBeUndefined();
  });
});

describe("leftOutComponents", () => {
  const stack = resolveStack({ serverName: "example.net" });

  it("warns for each enabled app without a build", () => {
    const warnings = leftOutComponents(stack, undefined);

    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^warning: setupSite.enabled is true but/);
    expect(warnings[1]).toMatch(/^warning: elementCall.enabled is true but/);
  });

  it("stays silent when build output was found", () => {
    expect(leftOutComponents(stack, {})).toEqual([]);
  });
});

describe("main without any build output", () => {
  it("warns about the left-out apps", async () => {
    await writeFile(join(dir, "pnpm-workspace.yaml"), "packages: []\n");
    await writeFile(
      join(dir, "outside/stack.yaml"),
      "serverName: example.net\ncluster:\n  publicIP: 93.184.216.34\n" +
        "monitoring:\n  enabled: false\n",
    );
    const progress: string[] = [];
    const code = await main(
      ["generate", "--config", "stack.yaml", "--out", "out"],
      {
        cwd: join(dir, "outside"),
        stdout: () => {},
        progress: (line) => progress.push(line),
        cliPath: join(dir, "packages/cli/main.js"),
      },
    );

    expect(code).toBe(EXIT.ok);
    expect(progress).toContainEqual(
      expect.stringMatching(/^warning: setupSite.enabled is true but/),
    );
  });
});
