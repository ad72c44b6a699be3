/**
 * Finds the apps' build output (setup site, Element Call overlay) for a
 * render, and warns about each enabled component that is left out.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readBuildArtifacts } from "../build-artifacts.js";
import type { ResolvedStack } from "../config/resolve.js";
import type { BuildArtifacts } from "../generators/types.js";
import { workspaceRootOf } from "../pipeline.js";

function isWorkspace(folder: string): boolean {
  return existsSync(join(folder, "pnpm-workspace.yaml"));
}

/**
 * Reads the build output from the workspace of the config file. A config
 * outside any workspace uses the workspace of `cliPath`, the running CLI
 * module, so the tree does not lose the apps because of where the config
 * sits.
 */
export function findBuildArtifacts(
  configPath: string,
  cliPath: string | undefined,
): BuildArtifacts | undefined {
  const configRoot = workspaceRootOf(configPath);
  if (isWorkspace(configRoot) || cliPath === undefined) {
    return readBuildArtifacts(configRoot);
  }
  return readBuildArtifacts(workspaceRootOf(cliPath));
}

/**
 * Returns a warning for each enabled component that the render left out
 * because no build output was found at all. When some output was found,
 * a missing app is an error of its generator instead.
 */
export function leftOutComponents(
  stack: ResolvedStack,
  artifacts: BuildArtifacts | undefined,
): string[] {
  if (artifacts !== undefined) {
    return [];
  }
  const warnings: string[] = [];
  if (stack.setupSite.enabled) {
    warnings.push(
      "warning: setupSite.enabled is true but the setup site is left out: " +
        "no apps/setup-site/dist found beside the config or the CLI; run " +
        "axion-stack from the repository after building the apps, or set " +
        "setupSite.enabled to false",
    );
  }
  if (stack.elementCall.enabled) {
    warnings.push(
      "warning: elementCall.enabled is true but the Element Call overlay is " +
        "left out: no apps/element-call/dist found beside the config or the " +
        "CLI; run axion-stack from the repository after building the apps, " +
        "or set elementCall.enabled to false",
    );
  }
  return warnings;
}
