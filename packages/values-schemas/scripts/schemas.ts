/**
 * Generates `schemas/<name>.schema.json` from the TypeScript types in
 * `src/` with typescript-json-schema. Run it after changing a values type:
 *
 *   pnpm --filter @axion-stack/values-schemas schemas
 *
 * With `--check` it writes nothing and exits 1 when a committed schema
 * differs from the types, naming the command above.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageDir, renderSchema, SCHEMA_SOURCES } from "./schema-sources.js";

function main(check: boolean): number {
  const stale: string[] = [];
  for (const { file, source, type } of SCHEMA_SOURCES) {
    const path = join(packageDir, "schemas", file);
    const text = renderSchema(source, type);
    if (!check) {
      writeFileSync(path, text);
      continue;
    }
    let committed = "";
    try {
      committed = readFileSync(path, "utf8");
    } catch {
      committed = "";
    }
    if (committed !== text) {
      stale.push(file);
    }
  }
  if (stale.length > 0) {
    console.error(
      `stale values schemas: ${stale.join(", ")}. Regenerate them with ` +
        "`pnpm --filter @axion-stack/values-schemas schemas` and commit.",
    );
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.includes("--check"));
