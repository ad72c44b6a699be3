import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutputCheckError } from "./check/issues.js";
import type { StackConfig } from "./config/model.js";
import { namespaceManifest } from "./flux/namespaces.js";
import type { Generator } from "./generators/types.js";
import { renderConfig, workspaceRootOf } from "./pipeline.js";

const config: StackConfig = { serverName: "example.org" };

const namespaceOnly: Generator = () => [
  namespaceManifest("demo", "restricted"),
];

function render(generators: Record<string, Generator>) {
  const progress: string[] = [];
  const result = renderConfig(config, {
    configFileName: "stack.config.ts",
    version: "9.9.9",
    progress: (line) => progress.push(line),
    generators,
  });
  return { result, progress };
}

describe("renderConfig", () => {
  it("reports one progress line per step", () => {
    const { result, progress } = render({ demo: namespaceOnly });
    const documents = result.manifests.filter((m) => "document" in m);

    expect(progress).toEqual([
      "render demo (1 file)",
      `render skeleton (${result.files.length - 1} files)`,
      `check: ${documents.length} objects valid`,
    ]);
  });

  it("adds the skeleton and SECRETS.md", () => {
    const { result } = render({ demo: namespaceOnly });
    const paths = result.files.map((file) => file.path);

    expect(paths).toEqual(
      expect.arrayContaining([
        "clusters/production/infrastructure.yaml",
        "clusters/production/apps.yaml",
        "infrastructure/namespaces/demo.yaml",
        "infrastructure/kustomization.yaml",
        "infrastructure/namespaces/kustomization.yaml",
        "apps/kustomization.yaml",
      ]),
    );
    expect(paths.at(-1)).toBe("SECRETS.md");
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("stamps every file with the same header", () => {
    const { result } = render({ demo: namespaceOnly });
    const firstLines = result.files.map((file) => file.content.split("\n")[0]);

    expect(result.header.version).toBe("9.9.9");
    expect(result.header.configSha256).toMatch(/^[0-9a-f]{64}$/);
    for (const line of firstLines) {
      expect(line).toContain(
        `axion-stack 9.9.9 from stack.config.ts (config sha256 ` +
          `${result.header.configSha256.slice(0, 12)})`,
      );
    }
  });

  it("throws when the output check fails", () => {
    const broken: Generator = () => [
      { path: "apps/x.yaml", document: { apiVersion: "v1", kind: "Nope" } },
    ];

    expect(() => render({ broken })).toThrow(OutputCheckError);
  });

  it("records each component's paths", () => {
    const { result } = render({ demo: namespaceOnly, empty: () => [] });

    expect(result.components).toEqual([
      { component: "demo", paths: ["infrastructure/namespaces/demo.yaml"] },
      { component: "empty", paths: [] },
    ]);
  });
});

describe("workspaceRootOf", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "axion-workspace-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("finds pnpm-workspace.yaml above the config", async () => {
    await writeFile(join(dir, "pnpm-workspace.yaml"), "packages: []\n");
    await mkdir(join(dir, "tests/fixtures/case"), { recursive: true });

    const root = workspaceRootOf(join(dir, "tests/fixtures/case/config.ts"));

    expect(root).toBe(dir);
  });

  it("falls back to the config's folder", async () => {
    await mkdir(join(dir, "configs"));

    expect(workspaceRootOf(join(dir, "configs/stack.yaml"))).toBe(
      join(dir, "configs"),
    );
  });
});
