/** The CLI commands: each loads the config, then renders, writes or lists. */
import { join, relative, resolve } from "node:path";
import { ConfigValidationError, formatIssues } from "../config/errors.js";
import { resolveStack } from "../config/resolve.js";
import {
  loadValidatedConfig,
  renderConfig,
  type Render,
  type ValidatedConfig,
} from "../pipeline.js";
import { GeneratorConfigError } from "../generators/errors.js";
import { GENERATORS } from "../generators/index.js";
import { generateRestoreDrill } from "../generators/restore-drill.js";
import { missingSecretFiles } from "../secrets/layout.js";
import { formatChanges } from "../writer/diff.js";
import { withOutputLock } from "../writer/lock.js";
import { planChanges } from "../writer/tree.js";
import { completeTree, writeTree } from "../writer/write.js";
import type { CliArgs } from "./args.js";
import { findBuildArtifacts, leftOutComponents } from "./artifacts.js";
import { DriftError } from "./exit-codes.js";
import { assertOutFolder } from "./out-folder.js";
import { packageVersion } from "./version.js";

/** Output streams of a command and its working folder. */
export interface CliIo {
  cwd: string;
  /** Data, such as a diff or JSON. */
  stdout: (text: string) => void;
  /** One progress line, without its newline. */
  progress: (line: string) => void;
  /**
   * Path of the running CLI module. For a config outside any workspace,
   * the apps' build output is read from the workspace of this path.
   */
  cliPath?: string;
}

/** Returns a path relative to the working folder, unless it lies outside. */
export function displayPath(io: CliIo, path: string): string {
  const relativePath = relative(io.cwd, path);
  if (relativePath === "") {
    return ".";
  }
  return relativePath.startsWith("..") ? path : relativePath;
}

/** Loads and validates the config, printing its warnings. */
export async function loadValidConfig(
  args: CliArgs,
  io: CliIo,
): Promise<ValidatedConfig> {
  const path = resolve(io.cwd, args.config);
  io.progress(`load ${displayPath(io, path)}`);

  const loaded = await loadValidatedConfig(path);
  const { warnings } = loaded;
  if (warnings.length > 0 && !args.json) {
    io.progress(formatIssues(warnings, loaded.fileName).trimEnd());
  }
  const counted =
    warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`;
  io.progress(
    warnings.length === 0 ? "validate: ok" : `validate: ok (${counted})`,
  );
  return loaded;
}

function render(loaded: ValidatedConfig, args: CliArgs, io: CliIo): Render {
  try {
    return renderWithArtifacts(loaded, args, io);
  } catch (error) {
    // Reported like a validation error, with the config file's name.
    if (error instanceof GeneratorConfigError) {
      throw new ConfigValidationError([error.toIssue()], loaded.fileName);
    }
    throw error;
  }
}

function renderWithArtifacts(
  loaded: ValidatedConfig,
  args: CliArgs,
  io: CliIo,
): Render {
  const configPath = resolve(io.cwd, args.config);
  const artifacts = findBuildArtifacts(configPath, io.cliPath);
  const result = renderConfig(loaded.config, {
    configFileName: loaded.fileName,
    version: packageVersion(),
    progress: io.progress,
    artifacts,
    ...(args.restoreDrill
      ? { generators: { ...GENERATORS, restoreDrill: generateRestoreDrill } }
      : {}),
  });
  for (const warning of leftOutComponents(result.stack, artifacts)) {
    io.progress(warning);
  }
  return result;
}

/** Runs `generate`, or `generate --check` (also the `check` command). */
export async function runGenerate(args: CliArgs, io: CliIo): Promise<void> {
  const outDir = resolve(io.cwd, args.out);
  await assertOutFolder(outDir);
  const loaded = await loadValidConfig(args, io);
  const result = render(loaded, args, io);
  const shownOut = `${displayPath(io, outDir)}/`;

  if (args.check || args.command === "check") {
    const changes = await planChanges(outDir, completeTree(result.files));
    if (args.json) {
      io.stdout(
        jsonPlan(
          result,
          changes.map(({ path, kind }) => ({ path, kind })),
        ),
      );
    } else {
      io.stdout(formatChanges(changes));
    }
    warnMissingSecrets(result, outDir, io);
    if (changes.length > 0) {
      throw new DriftError(changes.length);
    }
    io.progress(`check: ${shownOut} is up to date`);
    return;
  }

  warnMissingSecrets(result, outDir, io);
  const summary = await withOutputLock(outDir, () =>
    writeTree(outDir, result.files),
  );
  if (args.debug) {
    for (const change of summary.changes) {
      io.progress(`  ${change.kind} ${change.path}`);
    }
  }
  const count = summary.files.length;
  io.progress(
    summary.changes.length === 0
      ? `write: ${shownOut} is up to date (${count} files)`
      : `write ${count} files to ${shownOut}`,
  );
  if (args.json) {
    io.stdout(
      jsonPlan(
        result,
        summary.changes.map(({ path, kind }) => ({ path, kind })),
      ),
    );
  }
}

/**
 * Warns about each declared Secret without its encrypted file, which
 * `generate` never writes: the `secrets` Kustomization would fail on it.
 */
function warnMissingSecrets(result: Render, outDir: string, io: CliIo) {
  const missing = missingSecretFiles(result.stack, outDir);
  for (const file of missing) {
    io.progress(
      `warning: Secret ${file.spec.name} has no file at ` +
        `${displayPath(io, join(outDir, file.path))}`,
    );
  }
  if (missing.length > 0) {
    io.progress('warning: run "axion-stack secrets" to create them');
  }
}

function jsonPlan(result: Render, changes: { path: string; kind: string }[]) {
  const plan = {
    header: result.header,
    components: result.components,
    files: result.files.map((file) => file.path),
    objectCount: result.objectCount,
    changes,
  };
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Runs `validate`: the config only, printing its warnings. */
export async function runValidate(args: CliArgs, io: CliIo): Promise<void> {
  const loaded = await loadValidConfig(args, io);
  if (args.json) {
    const report = { ok: true, errors: [], warnings: loaded.warnings };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  }
}

/** Runs `secrets list`: lists every Secret the tree expects, never a value. */
export async function runSecrets(args: CliArgs, io: CliIo): Promise<void> {
  const loaded = await loadValidConfig(args, io);
  const { secrets } = resolveStack(loaded.config);
  if (args.json) {
    io.stdout(`${JSON.stringify(Object.values(secrets), null, 2)}\n`);
    return;
  }
  // Columns: Secret, id (what `secrets rotate` also takes), keys, readers.
  for (const [id, spec] of Object.entries(secrets)) {
    const keys = Object.keys(spec.keys).join(", ");
    for (const namespace of spec.namespaces) {
      io.stdout(
        `${namespace}/${spec.name}\t${id}\t${keys}\t` +
          `${spec.readBy.join(", ")}\n`,
      );
    }
  }
}
