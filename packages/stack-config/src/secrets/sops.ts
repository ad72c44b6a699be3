/**
 * Runs the real `sops` binary. Plain text goes in through stdin and comes
 * back through stdout, so it never touches the disk. Error messages carry
 * sops's stderr, which names files and keys but not values.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** How to call sops for one repository. */
export interface SopsContext {
  /** Path of the sops binary. */
  binary: string;
  /** The repository's `.sops.yaml`. */
  configPath: string;
  /** Folder that file paths are relative to: the repository root. */
  cwd: string;
}

/** Raised when sops fails or cannot be started. */
export class SopsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SopsError";
  }
}

/**
 * Environment variables that would make sops pick keys from the caller's
 * shell instead of `.sops.yaml`'s creation rules.
 */
const KEY_SELECTING_VARIABLES = [
  "SOPS_AGE_RECIPIENTS",
  "SOPS_KMS_ARN",
  "SOPS_PGP_FP",
  "SOPS_GCP_KMS_IDS",
  "SOPS_AZURE_KEYVAULT_URLS",
  "SOPS_VAULT_URIS",
  "SOPS_HUAWEICLOUD_KMS_IDS",
];

const SOPS_TIMEOUT_MS = 60_000;

/**
 * Finds the sops binary: `AXION_SOPS` when set, then the one
 * `tools/install` builds into `.cache/tools/bin`, then `PATH`.
 */
export function findSopsBinary(repoRoot: string): string | undefined {
  const fromEnv = process.env.AXION_SOPS;
  if (fromEnv) {
    return fromEnv;
  }
  const candidates = [
    join(repoRoot, ".cache", "tools", "bin", "sops"),
    ...(process.env.PATH ?? "")
      .split(delimiter)
      .filter((dir) => dir !== "")
      .map((dir) => join(dir, "sops")),
  ];
  return candidates.find((path) => existsSync(path));
}

function sopsEnvironment(forEncryption: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (forEncryption) {
    for (const name of KEY_SELECTING_VARIABLES) {
      delete env[name];
    }
  }
  return env;
}

function runSops(
  context: SopsContext,
  args: string[],
  input: string | undefined,
  forEncryption: boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      context.binary,
      ["--config", context.configPath, ...args],
      {
        cwd: context.cwd,
        env: sopsEnvironment(forEncryption),
        stdio: ["pipe", "pipe", "pipe"],
        timeout: SOPS_TIMEOUT_MS,
      },
    );
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) =>
      reject(
        new SopsError(
          `could not run sops at ${context.binary}: ${error.message}`,
        ),
      ),
    );
    child.on("close", (code, signal) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout).toString("utf8"));
        return;
      }
      const reason = Buffer.concat(stderr).toString("utf8").trim();
      const status = signal
        ? `was stopped by ${signal}`
        : `exited with ${code}`;
      reject(new SopsError(`sops ${args[0]} ${status}: ${reason}`));
    });
    child.stdin.end(input ?? "");
  });
}

/**
 * Encrypts a YAML document for the file at `relativePath`, with the
 * recipients and `encrypted_regex` of the creation rule that matches it.
 * Returns the encrypted YAML.
 */
export function sopsEncrypt(
  context: SopsContext,
  relativePath: string,
  plaintext: string,
): Promise<string> {
  return runSops(
    context,
    [
      "encrypt",
      "--filename-override",
      relativePath,
      "--input-type",
      "yaml",
      "--output-type",
      "yaml",
    ],
    plaintext,
    true,
  );
}

/**
 * Decrypts one file. It needs an age identity (`SOPS_AGE_KEY_FILE` or
 * `SOPS_AGE_KEY`). The caller must keep the result out of every log.
 */
export function sopsDecrypt(
  context: SopsContext,
  relativePath: string,
): Promise<string> {
  return runSops(context, ["decrypt", relativePath], undefined, false);
}
