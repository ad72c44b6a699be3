/**
 * Reading and writing the encrypted Secret files. Inspecting a file reads
 * only its key names, which sops leaves in plain text. Values are decrypted
 * only when a file must be completed and an age identity is available.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import type { SecretFile } from "./layout.js";
import { secretYaml } from "./layout.js";
import { type SopsContext, sopsDecrypt, sopsEncrypt } from "./sops.js";

/** Raised when a Secret file cannot be read, completed or written. */
export class SecretFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretFileError";
  }
}

/** Key names of an existing Secret file, without its values. */
export type SecretFileState =
  { exists: false } | { exists: true; keys: string[] };

interface SecretDocument {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  sops?: unknown;
}

/** Paths of one Secret file: absolute, and relative to the repository. */
export interface FileLocation {
  absolute: string;
  fromRepo: string;
}

/** Locates a tree path on disk and relative to the repository root. */
export function locate(
  treeRoot: string,
  repoRoot: string,
  path: string,
): FileLocation {
  const absolute = join(treeRoot, path);
  return { absolute, fromRepo: relative(repoRoot, absolute) };
}

/**
 * Returns the key names of an existing Secret file. Throws when the file
 * is not SOPS-encrypted, because a plain-text Secret in Git is a leak.
 */
export async function inspectSecretFile(
  location: FileLocation,
): Promise<SecretFileState> {
  let text: string;
  try {
    text = await readFile(location.absolute, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { exists: false };
    }
    throw error;
  }
  const document = (parse(text) ?? {}) as SecretDocument;
  if (document.sops === undefined) {
    throw new SecretFileError(
      `${location.fromRepo} is not SOPS-encrypted: encrypt it with ` +
        `"sops encrypt --in-place ${location.fromRepo}", or delete it and ` +
        "run axion-stack secrets again",
    );
  }
  const keys = [
    ...Object.keys(document.stringData ?? {}),
    ...Object.keys(document.data ?? {}),
  ];
  return { exists: true, keys };
}

/**
 * Decrypts an existing Secret file and returns its values. Needs an age
 * identity in `SOPS_AGE_KEY_FILE` or `SOPS_AGE_KEY`; `purpose` says in the
 * error message what the values were needed for.
 */
export async function readSecretValues(
  sops: SopsContext,
  location: FileLocation,
  purpose: string,
): Promise<Record<string, string>> {
  let plaintext: string;
  try {
    plaintext = await sopsDecrypt(sops, location.fromRepo);
  } catch (error) {
    throw new SecretFileError(
      `${purpose}, which needs the values in ${location.fromRepo}, but sops ` +
        `could not decrypt it (${(error as Error).message}). Set ` +
        "SOPS_AGE_KEY_FILE to the deployment's age key file and run again, " +
        "or replace every value of this Secret with " +
        '"axion-stack secrets rotate <id>"',
    );
  }
  const document = (parse(plaintext) ?? {}) as SecretDocument;
  const values: Record<string, string> = { ...document.stringData };
  for (const [key, encoded] of Object.entries(document.data ?? {})) {
    values[key] = Buffer.from(encoded, "base64").toString("utf8");
  }
  return values;
}

/**
 * Encrypts the Secret with sops and writes it through a temporary file and
 * a rename, so a failed run leaves no half-written file.
 */
export async function writeSecretFile(
  sops: SopsContext,
  file: SecretFile,
  location: FileLocation,
  data: Record<string, string>,
): Promise<void> {
  const encrypted = await sopsEncrypt(
    sops,
    location.fromRepo,
    secretYaml(file, data),
  );
  await mkdir(dirname(location.absolute), { recursive: true });
  const temporary = `${location.absolute}.${process.pid}.tmp`;
  await writeFile(temporary, encrypted, { mode: 0o644 });
  await rename(temporary, location.absolute);
}
