import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as prettier from "prettier";

/** Root of the monorepo, for paths in messages. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Formats generated text as `prettier --write` would for that file. */
export async function formatLikePrettier(
  text: string,
  path: string,
): Promise<string> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(text, { ...options, filepath: path });
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
}

/**
 * Writes a generated file, or with `check` compares it with the file on
 * disk and exits with code 1 when they differ. `command` is the command
 * that regenerates the file, printed when it is stale.
 */
export function writeOrCheck(
  path: string,
  text: string,
  command: string,
  check: boolean,
): void {
  const shown = relative(REPO_ROOT, path);
  if (!check) {
    writeFileSync(path, text);
    process.stderr.write(`wrote ${shown}\n`);
    return;
  }

  if (readIfExists(path) === text) {
    process.stderr.write(`${shown} is up to date\n`);
    return;
  }
  process.stderr.write(
    `${shown} is stale: it differs from what its source generates. ` +
      `Run "${command}" and commit the result.\n`,
  );
  process.exitCode = 1;
}

/**
 * Parses the options that both generation scripts take: `--check` compares
 * instead of writing, `--output FILE` writes or compares another file.
 */
export function parseGeneratorArgs(args: string[]): {
  check: boolean;
  output: string | undefined;
} {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: "boolean", default: false },
      output: { type: "string" },
    },
  });
  return { check: values.check, output: values.output };
}
