/**
 * Generates `schemas/stack-config.schema.json` from the `StackConfig` type
 * in `src/config/model.ts`: JSDoc becomes `description`, and the `@default`,
 * `@example`, `@pattern`, `@minimum`, `@maximum` and `@maxLength` tags
 * become the matching keywords. Every object gets
 * `additionalProperties: false`, so a misspelled key is an error.
 *
 *   pnpm --filter @axion-stack/stack-config schema [--check] [--output FILE]
 *
 * Writing the committed schema also rewrites the config reference, which
 * is generated from it. `--check` compares the schema only.
 */
import { fileURLToPath } from "node:url";
import TJS from "typescript-json-schema";
import {
  formatLikePrettier,
  parseGeneratorArgs,
  writeOrCheck,
} from "./generated-file.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const MODEL_FILE = `${PACKAGE_DIR}src/config/model.ts`;
const SCHEMA_FILE = `${PACKAGE_DIR}schemas/stack-config.schema.json`;
const COMMAND = "pnpm --filter @axion-stack/stack-config schema";

/**
 * Compiler options in tsconfig JSON form, which typescript-json-schema
 * converts itself. Bundler resolution with the `source` condition finds the
 * types of workspace packages in their `src/` without a build.
 */
const COMPILER_OPTIONS = {
  strict: true,
  target: "ES2022",
  module: "ES2022",
  moduleResolution: "Bundler",
  customConditions: ["source"],
  skipLibCheck: true,
} as unknown as TJS.CompilerOptions;

const SETTINGS: TJS.PartialArgs = {
  required: true,
  noExtraProps: true,
  ref: true,
  strictNullChecks: true,
  titles: false,
  // `@example` is not a JSON Schema keyword; it is renamed to `examples`.
  validationKeywords: ["example"],
};

type JsonNode = unknown;

/** Renames every `example` keyword to the standard `examples` array. */
function renameExamples(node: JsonNode): JsonNode {
  if (Array.isArray(node)) {
    return node.map(renameExamples);
  }
  if (node === null || typeof node !== "object") {
    return node;
  }
  const entries = Object.entries(node).map(([key, value]) =>
    key === "example" ? ["examples", [value]] : [key, renameExamples(value)],
  );
  return Object.fromEntries(entries);
}

/** Builds the config schema from the TypeScript model. */
export function buildConfigSchema(): Record<string, unknown> {
  const program = TJS.getProgramFromFiles(
    [MODEL_FILE],
    COMPILER_OPTIONS,
    PACKAGE_DIR,
  );
  const schema = TJS.generateSchema(program, "StackConfig", SETTINGS);
  if (schema === null) {
    throw new Error(`${MODEL_FILE} does not compile; run "tsc" to see why`);
  }
  const { $schema, ...rest } = renameExamples(schema) as Record<
    string,
    unknown
  >;
  return { $schema, title: "axion-stack config", ...rest };
}

async function main(): Promise<void> {
  const { check, output } = parseGeneratorArgs(process.argv.slice(2));
  const path = output ?? SCHEMA_FILE;
  const text = await formatLikePrettier(
    JSON.stringify(buildConfigSchema()),
    path,
  );
  writeOrCheck(path, text, COMMAND, check);
  if (!check && output === undefined) {
    await writeReference();
  }
}

async function writeReference(): Promise<void> {
  // Imported here so that the reference reads the schema just written.
  const { REFERENCE_FILE, renderReference } =
    await import("./generate-reference.js");
  const text = await formatLikePrettier(renderReference(), REFERENCE_FILE);
  writeOrCheck(REFERENCE_FILE, text, COMMAND, false);
}

await main();
