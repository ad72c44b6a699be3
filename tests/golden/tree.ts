/** Helpers of the golden tests: fixture cases and whole-tree reads. */
import { existsSync, readdirSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the repository. */
export const REPO_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../..",
);

/** Folder of the golden cases, one subfolder each. */
export const FIXTURES_DIR = join(REPO_ROOT, "tests/fixtures");

/** Config file names a case may use, in the order they are looked for. */
const CONFIG_NAMES = ["config.ts", "config.yaml", "config.json"];

/** A golden case: its config file and its expected tree. */
export interface GoldenCase {
  name: string;
  configPath: string;
  expectedDir: string;
}

/** Lists the cases under tests/fixtures that have a config file. */
export function goldenCases(): GoldenCase[] {
  return readdirSync(FIXTURES_DIR)
    .sort()
    .flatMap((name) => {
      const dir = join(FIXTURES_DIR, name);
      const config = CONFIG_NAMES.find((file) => existsSync(join(dir, file)));
      return config === undefined
        ? []
        : [
            {
              name,
              configPath: join(dir, config),
              expectedDir: join(dir, "expected"),
            },
          ];
    });
}

/** Reads every file under dir into a map from relative path to content. */
export async function readTree(
  dir: string,
  prefix = "",
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!existsSync(join(dir, prefix))) {
    return files;
  }
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  for (const entry of entries) {
    const path = prefix === "" ? entry.name : posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      for (const [inner, content] of await readTree(dir, path)) {
        files.set(inner, content);
      }
    } else {
      files.set(path, await readFile(join(dir, path), "utf8"));
    }
  }
  return files;
}
