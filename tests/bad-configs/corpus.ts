/**
 * The bad-config corpus: every file in `cases/` is a wrong config, and
 * `<file>.expected.txt` beside it is the exact text that validation prints.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ConfigLoadError,
  formatIssues,
  loadConfig,
  validateConfig,
} from "@axion-stack/stack-config";

export const CASES_DIR = fileURLToPath(new URL("./cases", import.meta.url));

/** A case with no file: loading it reports the missing file. */
export const MISSING_CASE = "does-not-exist.yaml";

const EXPECTED_SUFFIX = ".expected.txt";

/** Names of every case, sorted: the files in `cases/` and the missing one. */
export function caseNames(): string[] {
  const files = readdirSync(CASES_DIR).filter(
    (name) => !name.endsWith(EXPECTED_SUFFIX),
  );
  return [...files, MISSING_CASE].sort();
}

export function expectedPath(name: string): string {
  return join(CASES_DIR, `${name}${EXPECTED_SUFFIX}`);
}

/** Replaces the machine's path to the corpus, so expected texts are portable. */
export function normalise(text: string): string {
  return text.replaceAll(CASES_DIR, "<cases>");
}

/** What validation prints for one case, and how many errors it found. */
export interface CaseResult {
  text: string;
  errors: number;
}

/**
 * Loads and validates one case as the CLI does: the issues are formatted
 * with the file's base name, errors first, then warnings.
 */
export async function runCase(name: string): Promise<CaseResult> {
  try {
    const raw = await loadConfig(join(CASES_DIR, name));
    const { errors, warnings } = validateConfig(raw);
    const text = formatIssues([...errors, ...warnings], name);
    return { text: normalise(text), errors: errors.length };
  } catch (error) {
    if (error instanceof ConfigLoadError) {
      return { text: normalise(error.message), errors: error.issues.length };
    }
    throw error;
  }
}
