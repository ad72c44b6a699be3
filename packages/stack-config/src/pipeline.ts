/**
 * The pipeline from a config file to the bytes of the Flux tree: load,
 * validate, resolve, generate (every component generator, the skeleton
 * and `SECRETS.md`), check and serialise. Only loading reads a file; the
 * rest is pure, and the writer puts the result on disk.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type ConfigIssue, ConfigValidationError } from "./config/errors.js";
import { loadConfig } from "./config/load.js";
import type { StackConfig } from "./config/model.js";
import { validateConfig } from "./config/validate.js";
import { resolveStack, type ResolvedStack } from "./config/resolve.js";
import { checkManifests, OutputCheckError } from "./check/index.js";
import { secretsDocument } from "./flux/secrets-doc.js";
import { buildSkeleton } from "./flux/skeleton.js";
import { GENERATORS } from "./generators/index.js";
import type {
  BuildArtifacts,
  Generator,
  Manifest,
} from "./generators/types.js";
import {
  configSha256,
  type HeaderInfo,
  type RenderedFile,
  serialiseManifest,
} from "./writer/serialise.js";

/** A config that loaded and passed validation. */
export interface ValidatedConfig {
  config: StackConfig;
  /** File name of the config, without its folder. */
  fileName: string;
  warnings: ConfigIssue[];
}

/**
 * Loads and validates a config file. Throws ConfigValidationError, listing
 * every error and warning, when the file does not load or has errors.
 */
export async function loadValidatedConfig(
  path: string,
): Promise<ValidatedConfig> {
  const fileName = basename(path);
  const { config, errors, warnings } = validateConfig(await loadConfig(path));
  if (config === undefined || errors.length > 0) {
    throw new ConfigValidationError([...errors, ...warnings], fileName);
  }
  return { config, fileName, warnings: [...warnings] };
}

/**
 * Returns the workspace that a config file belongs to: the nearest folder
 * at or above it that contains `pnpm-workspace.yaml`, or the config's own
 * folder. The apps' build outputs are read from there, so a render does
 * not depend on the working folder.
 */
export function workspaceRootOf(configPath: string): string {
  const start = dirname(resolve(configPath));
  let folder = start;
  while (!existsSync(join(folder, "pnpm-workspace.yaml"))) {
    const parent = dirname(folder);
    if (parent === folder) {
      return start;
    }
    folder = parent;
  }
  return folder;
}

/** Inputs of a render besides the config. */
export interface RenderOptions {
  /** File name of the config, for the generated-file header. */
  configFileName: string;
  /** Version of axion-stack, for the generated-file header. */
  version: string;
  /** Receives one progress line per step. */
  progress?: (line: string) => void;
  /** Generators to run; the default is every generator in GENERATORS. */
  generators?: Record<string, Generator>;
  /** Built app files that the tree carries, read by the caller. */
  artifacts?: BuildArtifacts;
}

/** Manifests that one generator returned. */
export interface ComponentRender {
  component: string;
  paths: string[];
}

/** The result of a render: the whole tree, checked and serialised. */
export interface Render {
  stack: ResolvedStack;
  header: HeaderInfo;
  components: ComponentRender[];
  manifests: Manifest[];
  /** Objects that passed the output check. */
  objectCount: number;
  files: RenderedFile[];
}

function countFiles(count: number): string {
  return count === 1 ? "1 file" : `${count} files`;
}

function runGenerators(
  stack: ResolvedStack,
  generators: Record<string, Generator>,
  progress: (line: string) => void,
  artifacts: BuildArtifacts | undefined,
): { components: ComponentRender[]; manifests: Manifest[] } {
  const components: ComponentRender[] = [];
  const manifests: Manifest[] = [];

  for (const [component, generate] of Object.entries(generators)) {
    const output = generate(stack, artifacts);
    progress(`render ${component} (${countFiles(output.length)})`);
    components.push({ component, paths: output.map((m) => m.path) });
    manifests.push(...output);
  }
  return { components, manifests };
}

/**
 * Renders a validated config into the files of the Flux tree. Throws
 * OutputCheckError, listing every problem, when the output check fails.
 */
export function renderConfig(
  config: StackConfig,
  options: RenderOptions,
): Render {
  const progress = options.progress ?? (() => {});
  const stack = resolveStack(config);
  const generated = runGenerators(
    stack,
    options.generators ?? GENERATORS,
    progress,
    options.artifacts,
  );

  const tree = buildSkeleton(stack, generated.manifests);
  const manifests = [...tree, secretsDocument(stack)];
  const generatedPaths = new Set(generated.manifests.map((m) => m.path));
  const added = manifests.filter((m) => !generatedPaths.has(m.path));
  progress(`render skeleton (${countFiles(added.length)})`);

  const check = checkManifests(stack, manifests);
  if (check.issues.length > 0) {
    throw new OutputCheckError(check.issues);
  }
  progress(`check: ${check.objectCount} objects valid`);

  const header: HeaderInfo = {
    version: options.version,
    configFileName: options.configFileName,
    configSha256: configSha256(config),
  };
  const files = manifests.map((manifest) =>
    serialiseManifest(manifest, header),
  );
  return {
    stack,
    header,
    components: generated.components,
    manifests,
    objectCount: check.objectCount,
    files,
  };
}
