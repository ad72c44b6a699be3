/**
 * Reads the repository's `.sops.yaml` and checks, before sops runs, that
 * a creation rule covers the Secret files with age recipients and
 * encrypts only `data` and `stringData`, which is what Flux's
 * kustomize-controller decrypts.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** File name sops looks for at the repository root. */
export const SOPS_CONFIG_FILE = ".sops.yaml";

/** The only `encrypted_regex` the Secret files may use. */
export const SECRET_ENCRYPTED_REGEX = "^(data|stringData)$";

/**
 * The age public key that the repository's `.sops.yaml` ships with. It was
 * made for developing axion-stack and no operator holds its private key,
 * so a deployment's Secrets must not be encrypted for it.
 */
export const DEVELOPMENT_RECIPIENT =
  "age1ckw8auns36aug3fxavxhklt4eajvjg7g273xkvftqhcfuyk9w9nsfw3a2p";

/** One `creation_rules` entry, with the fields axion-stack reads. */
interface CreationRule {
  path_regex?: string;
  age?: string | string[];
  encrypted_regex?: string;
}

/** Raised when `.sops.yaml` is missing or cannot encrypt the Secrets. */
export class SopsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SopsConfigError";
  }
}

function ageRecipients(rule: CreationRule): string[] {
  const age = rule.age ?? [];
  const list = Array.isArray(age) ? age : age.split(",");
  return list.map((recipient) => recipient.trim()).filter(Boolean);
}

function ruleMatches(rule: CreationRule, relativePath: string): boolean {
  if (rule.path_regex === undefined) {
    return true;
  }
  try {
    return new RegExp(rule.path_regex).test(relativePath);
  } catch {
    // A Go regexp that JavaScript cannot compile: let sops decide.
    return true;
  }
}

function readRules(configPath: string): CreationRule[] {
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch {
    throw new SopsConfigError(
      `${configPath} not found: create it with a creation rule for the ` +
        "Secret files that lists the deployment's age public key",
    );
  }
  const config = parse(text) as { creation_rules?: CreationRule[] } | null;
  return config?.creation_rules ?? [];
}

/**
 * Returns the age recipients of the first creation rule that matches
 * `relativePath`, as sops picks it. Throws SopsConfigError when no rule
 * matches, the rule has no age recipient, or it encrypts other fields.
 */
export function secretCreationRule(
  configPath: string,
  relativePath: string,
): { recipients: string[] } {
  const rule = readRules(configPath).find((candidate) =>
    ruleMatches(candidate, relativePath),
  );
  if (rule === undefined) {
    throw new SopsConfigError(
      `${configPath}: no creation_rules entry matches ${relativePath}; add ` +
        "one whose path_regex covers the Secret files",
    );
  }
  const recipients = ageRecipients(rule);
  if (recipients.length === 0) {
    throw new SopsConfigError(
      `${configPath}: the creation rule for ${relativePath} has no age ` +
        "recipient; set `age:` to the deployment's age public key",
    );
  }
  if (rule.encrypted_regex !== SECRET_ENCRYPTED_REGEX) {
    throw new SopsConfigError(
      `${configPath}: the creation rule for ${relativePath} has ` +
        `encrypted_regex ${JSON.stringify(rule.encrypted_regex ?? null)}; ` +
        `set it to "${SECRET_ENCRYPTED_REGEX}" so that only Secret data is ` +
        "encrypted and Flux can still read the rest",
    );
  }
  return { recipients };
}
