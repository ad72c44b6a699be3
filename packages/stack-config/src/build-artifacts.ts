/**
 * Reads an app's build output from disk for the `artifacts` input of the
 * pipeline. Paths in the result are relative to the folder and use `/`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { BuildOutput } from "./generators/types.js";

/**
 * Returns the text of every file under `dir`, by relative path, or
 * undefined when `dir` does not exist. Files are read as UTF-8 because
 * ConfigMap `data` carries text.
 */
export function readBuildOutput(dir: string): BuildOutput | undefined {
  if (!existsSync(dir)) {
    return undefined;
  }
  const output: BuildOutput = {};
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) {
      continue;
    }
    const path = join(entry.parentPath, entry.name);
    output[relative(dir, path).split(sep).join("/")] = readFileSync(
      path,
      "utf8",
    );
  }
  return Object.fromEntries(
    Object.entries(output).sort(([a], [b]) => a.localeCompare(b)),
  );
}
