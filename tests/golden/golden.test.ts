/**
 * Golden trees: each case under tests/fixtures renders to exactly the
 * files in its `expected/` folder. `pnpm test:golden:update` (which sets
 * UPDATE_GOLDEN=1) rewrites the expected trees; nothing else does.
 * Like the CLI, the render reads the apps' build outputs, so `pnpm test`
 * builds them first.
 */
import {
  completeTree,
  loadValidatedConfig,
  packageVersion,
  readBuildArtifacts,
  renderConfig,
  workspaceRootOf,
  writeTree,
} from "@axion-stack/stack-config";
import { describe, expect, it } from "vitest";
import { goldenCases, readTree } from "./tree.js";

const UPDATE = process.env.UPDATE_GOLDEN === "1";

describe.each(goldenCases())("golden tree $name", (golden) => {
  it("matches expected/ byte for byte", async () => {
    const { config, fileName } = await loadValidatedConfig(golden.configPath);
    const workspace = workspaceRootOf(golden.configPath);
    const render = renderConfig(config, {
      configFileName: fileName,
      version: packageVersion(),
      artifacts: readBuildArtifacts(workspace),
    });

    if (UPDATE) {
      await writeTree(golden.expectedDir, render.files);
    }
    const actual = new Map(
      completeTree(render.files).map((file) => [file.path, file.content]),
    );
    const expected = await readTree(golden.expectedDir);

    // On an intended change, run `pnpm test:golden:update` and review the
    // diff of tests/fixtures.
    expect([...actual.keys()].sort(), `${golden.name} file list`).toEqual(
      [...expected.keys()].sort(),
    );
    for (const [path, content] of actual) {
      expect(content, `${golden.name}/expected/${path}`).toBe(
        expected.get(path),
      );
    }
  });
});
