/**
 * The logic of `axion-stack secrets` and `axion-stack secrets rotate`:
 * create every declared Secret that has no file yet, complete files that
 * lack a declared key, and list the files in `secrets/kustomization.yaml`.
 * An existing value is never replaced except by `rotate`. Progress lines
 * name files and keys, never values.
 */
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, posix } from "node:path";
import type { ResolvedStack } from "../config/resolve.js";
import {
  plannedSecretFiles,
  SECRETS_DIR,
  SECRETS_KUSTOMIZATION,
  type SecretFile,
  secretsKustomizationText,
} from "./layout.js";
import { DEVELOPMENT_RECIPIENT, secretCreationRule } from "./sops-config.js";
import type { SopsContext } from "./sops.js";
import {
  type FileLocation,
  inspectSecretFile,
  locate,
  readSecretValues,
  SecretFileError,
  type SecretFileState,
  writeSecretFile,
} from "./store.js";
import type { SecretKeySpec } from "../config/secrets.js";
import { generateSecretData, MissingProvidedValueError } from "./values.js";

/** Everything the secrets command works on. */
export interface SecretsContext {
  stack: ResolvedStack;
  /** Repository root, which contains `.sops.yaml`. sops runs here. */
  repoRoot: string;
  /** Root of the Flux tree, such as `<repoRoot>/flux`. */
  treeRoot: string;
  sops: SopsContext;
  /** Receives one progress line at a time; never a value. */
  log: (line: string) => void;
}

/** Result of one run, as tree paths. */
export interface SecretsSummary {
  created: string[];
  completed: string[];
  unchanged: string[];
  /** Files under `secrets/` that no declared Secret owns any more. */
  orphans: string[];
}

interface SecretGroup {
  id: string;
  files: { file: SecretFile; location: FileLocation; state: SecretFileState }[];
}

async function inspectGroups(context: SecretsContext): Promise<SecretGroup[]> {
  const groups = new Map<string, SecretGroup>();
  for (const file of plannedSecretFiles(context.stack)) {
    const location = locate(context.treeRoot, context.repoRoot, file.path);
    const state = await inspectSecretFile(location);
    const group = groups.get(file.id) ?? { id: file.id, files: [] };
    group.files.push({ file, location, state });
    groups.set(file.id, group);
  }
  return [...groups.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function missingKeys(file: SecretFile, state: SecretFileState): string[] {
  const present = new Set(state.exists ? state.keys : []);
  return Object.keys(file.spec.keys).filter((key) => !present.has(key));
}

/**
 * Returns the values that every file of the group must hold: the existing
 * ones, decrypted from the first complete file, plus new values for keys
 * that no file has yet.
 */
async function groupValues(
  context: SecretsContext,
  group: SecretGroup,
): Promise<Record<string, string>> {
  const spec = (group.files[0] as SecretGroup["files"][number]).file.spec;
  const source = group.files.find((entry) => entry.state.exists);
  if (source === undefined) {
    return newValues(group.id, spec.keys);
  }

  const purpose =
    `Secret "${group.id}" (${spec.name}) must be completed with the same ` +
    "values in every namespace and under every declared key";
  const existing = await readSecretValues(
    context.sops,
    source.location,
    purpose,
  );
  const missing = Object.fromEntries(
    Object.entries(spec.keys).filter(([key]) => existing[key] === undefined),
  );
  const fresh = newValues(group.id, missing);
  const values: Record<string, string> = {};
  for (const key of Object.keys(spec.keys)) {
    values[key] = existing[key] ?? (fresh[key] as string);
  }
  return values;
}

/**
 * Makes new values for the given keys of Secret `id`, and explains a
 * third-party value whose environment variable is not set.
 */
function newValues(
  id: string,
  keys: Record<string, SecretKeySpec>,
): Record<string, string> {
  try {
    return generateSecretData(keys);
  } catch (error) {
    if (!(error instanceof MissingProvidedValueError)) {
      throw error;
    }
    throw new SecretFileError(
      `Secret "${id}" holds a value that a third party issues, read from ` +
        `$${error.variable}, which is not set: export ${error.variable} ` +
        "with that value and run axion-stack secrets again",
    );
  }
}

async function applyGroup(
  context: SecretsContext,
  group: SecretGroup,
  summary: SecretsSummary,
): Promise<void> {
  const pending = group.files.filter(
    (entry) => missingKeys(entry.file, entry.state).length > 0,
  );
  for (const entry of group.files) {
    if (!pending.includes(entry)) {
      summary.unchanged.push(entry.file.path);
    }
  }
  if (pending.length === 0) {
    return;
  }

  const values = await groupValues(context, group);
  for (const entry of pending) {
    await writeSecretFile(context.sops, entry.file, entry.location, values);
    const list = entry.state.exists ? summary.completed : summary.created;
    list.push(entry.file.path);
    const keys = Object.keys(entry.file.spec.keys).join(", ");
    const verb = entry.state.exists ? "completed" : "created";
    context.log(`${verb} ${entry.file.path} (keys: ${keys})`);
  }
}

async function listSecretYamlFiles(treeRoot: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(treeRoot, folder), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return;
      }
      throw error;
    }
    for (const entry of entries) {
      const path = posix.join(folder, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
      } else if (
        /\.ya?ml$/.test(entry.name) &&
        path !== SECRETS_KUSTOMIZATION
      ) {
        found.push(path);
      }
    }
  };
  await walk(SECRETS_DIR);
  return found.sort();
}

/** Writes `secrets/kustomization.yaml` only when its content changes. */
async function writeKustomization(
  context: SecretsContext,
  paths: string[],
): Promise<void> {
  const path = join(context.treeRoot, SECRETS_KUSTOMIZATION);
  const text = secretsKustomizationText(paths);
  const current = await readFile(path, "utf8").catch(() => undefined);
  if (current !== text) {
    await writeFile(path, text);
    context.log(`wrote ${SECRETS_KUSTOMIZATION} (${paths.length} Secrets)`);
  }
}

function checkCreationRule(context: SecretsContext): void {
  const first = plannedSecretFiles(context.stack)[0];
  if (first === undefined) {
    return;
  }
  const location = locate(context.treeRoot, context.repoRoot, first.path);
  const rule = secretCreationRule(context.sops.configPath, location.fromRepo);
  context.log(
    `encrypting for ${rule.recipients.length} age recipient(s) from ` +
      ".sops.yaml",
  );
  if (rule.recipients.includes(DEVELOPMENT_RECIPIENT)) {
    context.log(
      "warning: .sops.yaml lists axion-stack's development age key, whose " +
        "private key no operator holds, so Flux could not decrypt these " +
        "files; replace it with your own age public key first",
    );
  }
}

async function finish(
  context: SecretsContext,
  summary: SecretsSummary,
): Promise<SecretsSummary> {
  const planned = plannedSecretFiles(context.stack).map((file) => file.path);
  const declared = new Set(planned);
  const written = planned.filter((path) =>
    existsSync(join(context.treeRoot, path)),
  );
  summary.orphans = (await listSecretYamlFiles(context.treeRoot)).filter(
    (path) => !declared.has(path),
  );
  for (const orphan of summary.orphans) {
    context.log(
      `warning: ${orphan} belongs to no declared Secret and is no longer ` +
        "applied; delete it once nothing reads it",
    );
  }
  await writeKustomization(context, written);
  return summary;
}

/**
 * Creates each declared Secret that has no file, completes files that
 * lack a declared key, and never touches a complete file.
 */
export async function createMissingSecrets(
  context: SecretsContext,
): Promise<SecretsSummary> {
  checkCreationRule(context);
  const summary: SecretsSummary = {
    created: [],
    completed: [],
    unchanged: [],
    orphans: [],
  };
  for (const group of await inspectGroups(context)) {
    await applyGroup(context, group, summary);
  }
  return finish(context, summary);
}

/**
 * Replaces every value of one declared Secret with new random values, in
 * every namespace it is written to. Returns the rewritten tree paths.
 */
export async function rotateSecret(
  context: SecretsContext,
  id: string,
): Promise<string[]> {
  // Object.hasOwn, so that an id such as "constructor" is not looked up
  // on Object.prototype.
  const spec = Object.hasOwn(context.stack.secrets, id)
    ? context.stack.secrets[id]
    : undefined;
  if (spec === undefined) {
    const known = Object.keys(context.stack.secrets).sort().join(", ");
    throw new SecretFileError(
      `no declared Secret has the id "${id}"; declared ids: ${known}`,
    );
  }
  checkCreationRule(context);
  const values = newValues(id, spec.keys);
  const files = plannedSecretFiles(context.stack).filter(
    (file) => file.id === id,
  );
  for (const file of files) {
    const location = locate(context.treeRoot, context.repoRoot, file.path);
    await writeSecretFile(context.sops, file, location, values);
    context.log(
      `rotated ${file.path} (keys: ${Object.keys(spec.keys).join(", ")})`,
    );
  }
  await finish(context, {
    created: [],
    completed: [],
    unchanged: [],
    orphans: [],
  });
  return files.map((file) => file.path);
}
