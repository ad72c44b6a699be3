/**
 * Golden trees: each case under tests/fixtures renders to exactly the
 * files in its `expected/` folder. `pnpm test:golden:update` (which sets
 * UPDATE_GOLDEN=1) rewrites the expected trees; nothing else does.
 */
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import {
  completeTree,
  packageVersion,
  renderConfig,
  type StackConfig,
  writeTree,
} from "@axion-stack/stack-config";
import { describe, expect, it } from "vitest";
import { goldenCases, readTree } from "./tree.js";

const UPDATE = process.env.UPDATE_GOLDEN === "1";

async function loadFixture(configPath: string): Promise<StackConfig> {
  const module = (await import(pathToFileURL(configPath).href)) as {
    default: StackConfig;
  };
  return module.default;
}

describe.each(goldenCases())("golden tree $name", (golden) => {
  it("matches expected/ byte for byte", async () => {
    const config = await loadFixture(golden.configPath);
    const render = renderConfig(config, {
      configFileName: basename(golden.configPath),
      version: packageVersion(),
    });

    if (UPDATE) {
      await writeTree(golden.expectedDir, render.files);
    }
    const actual = new Map(
      completeTree(render.files).map((file) => [file.path, file.content]),
    );
    const expected = await readTree(golden.expectedDir);

    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of actual) {
      expect(content, `${golden.name}/expected/${path}`).toBe(
        expected.get(path),
      );
    }
  });
});
