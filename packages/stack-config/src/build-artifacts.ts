/**
 * Reads an app's build output from disk for the `artifacts` input of the
 * pipeline. Paths in the result are relative to the folder and use `/`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { BuildArtifacts, BuildOutput } from "./generators/types.js";
import { compareCodeUnits } from "./writer/serialise.js";

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
    Object.entries(output).sort(([a], [b]) => compareCodeUnits(a, b)),
  );
}

/** Build output folders of the apps, relative to the repository root. */
const APP_OUTPUTS = {
  setupSite: { app: "apps/setup-site", dist: "apps/setup-site/dist" },
  elementCall: { app: "apps/element-call", dist: "apps/element-call/dist" },
} as const;

/**
 * Reads the apps' build outputs under the repository `root`. Returns
 * undefined when `root` contains none of the apps, such as a config folder
 * outside the repository, so the tree is rendered without them. An app
 * whose folder exists but has no `dist/` is left out of the result, so
 * its generator reports that it needs building.
 */
export function readBuildArtifacts(root: string): BuildArtifacts | undefined {
  const apps = Object.entries(APP_OUTPUTS).filter(([, paths]) =>
    existsSync(join(root, paths.app)),
  );
  if (apps.length === 0) {
    return undefined;
  }
  const artifacts: BuildArtifacts = {};
  for (const [name, paths] of apps) {
    const output = readBuildOutput(join(root, paths.dist));
    if (output) {
      artifacts[name as keyof BuildArtifacts] = output;
    }
  }
  return artifacts;
}
