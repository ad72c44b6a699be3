/**
 * A throw-away repository for the secrets tests: a fresh age key pair made
 * with the real age-keygen, a `.sops.yaml` naming its public key, and a
 * SecretsContext that records every progress line.
 */
import { execFileSync } from "node:child_process";
import {
  mkdtempSync,
  rmSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createMissingSecrets,
  findSopsBinary,
  type ResolvedStack,
  resolveStack,
  type SecretsContext,
  type StackConfig,
} from "@axion-stack/stack-config";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The sops binary the tests run; fails loudly when it is not installed. */
export function sopsBinary(): string {
  const binary = findSopsBinary(repoRoot);
  if (binary === undefined) {
    throw new Error(
      "sops not found: run `tools/install sops` (builds it into " +
        ".cache/tools/bin) or set AXION_SOPS to a sops 3.x binary",
    );
  }
  return binary;
}

/** A temporary repository with its own age key. */
export interface TestRepository {
  root: string;
  treeRoot: string;
  keyFile: string;
  recipient: string;
  lines: string[];
  context: SecretsContext;
  /** Deletes the repository and the key's folder. */
  remove: () => void;
}

/** Creates an age key pair with age-keygen and returns the public key. */
export function createAgeKey(keyFile: string): string {
  execFileSync("age-keygen", ["-o", keyFile], { stdio: "ignore" });
  return execFileSync("age-keygen", ["-y", keyFile], {
    encoding: "utf8",
  }).trim();
}

/** Writes a `.sops.yaml` like the repository's, for one age recipient. */
function writeSopsConfig(root: string, recipient: string): void {
  writeFileSync(
    join(root, ".sops.yaml"),
    [
      "creation_rules:",
      "  - path_regex: ^flux/secrets/.+\\.yaml$",
      "    encrypted_regex: ^(data|stringData)$",
      `    age: ${recipient}`,
      "",
    ].join("\n"),
  );
}

/** Sets up a repository whose `.sops.yaml` names a fresh age recipient. */
export function createTestRepository(config: StackConfig): TestRepository {
  const root = mkdtempSync(join(tmpdir(), "axion-secrets-"));
  const keyFile = join(
    mkdtempSync(join(tmpdir(), "axion-age-")),
    "test.agekey",
  );
  const recipient = createAgeKey(keyFile);
  writeSopsConfig(root, recipient);
  const lines: string[] = [];
  const treeRoot = join(root, "flux");
  const context: SecretsContext = {
    stack: resolveStack(config),
    repoRoot: root,
    treeRoot,
    sops: {
      binary: sopsBinary(),
      configPath: join(root, ".sops.yaml"),
      cwd: root,
    },
    log: (line) => lines.push(line),
  };
  const remove = () => {
    rmSync(root, { recursive: true, force: true });
    rmSync(dirname(keyFile), { recursive: true, force: true });
  };
  return { root, treeRoot, keyFile, recipient, lines, context, remove };
}

/**
 * Encrypts every declared Secret of `stack` into `treeRoot` as
 * `axion-stack secrets` does, for a fresh age key that a `.sops.yaml` in
 * `repoRoot` names. Returns the key file, which lives outside `repoRoot`.
 */
export async function writeTestSecrets(
  repoRoot: string,
  treeRoot: string,
  stack: ResolvedStack,
): Promise<string> {
  const keyFile = join(
    mkdtempSync(join(tmpdir(), "axion-age-")),
    "test.agekey",
  );
  writeSopsConfig(repoRoot, createAgeKey(keyFile));
  await createMissingSecrets({
    stack,
    repoRoot,
    treeRoot,
    sops: {
      binary: sopsBinary(),
      configPath: join(repoRoot, ".sops.yaml"),
      cwd: repoRoot,
    },
    log: () => {},
  });
  return keyFile;
}

/** Runs the real `sops decrypt` with the test key and returns stdout. */
export function decrypt(
  repo: TestRepository,
  path: string,
  keyFile = repo.keyFile,
): string {
  return execFileSync(sopsBinary(), ["decrypt", path], {
    cwd: repo.root,
    encoding: "utf8",
    env: { ...process.env, SOPS_AGE_KEY_FILE: keyFile, SOPS_AGE_KEY: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Returns every file under a folder with its bytes, by relative path. */
export function snapshotTree(folder: string, prefix = ""): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(join(folder, prefix)).sort()) {
    const path = prefix === "" ? name : `${prefix}/${name}`;
    if (statSync(join(folder, path)).isDirectory()) {
      for (const [inner, bytes] of snapshotTree(folder, path)) {
        files.set(inner, bytes);
      }
    } else {
      files.set(path, readFileSync(join(folder, path)));
    }
  }
  return files;
}
