import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  packageDir,
  renderSchema,
  SCHEMA_SOURCES,
} from "../scripts/schema-sources.js";

// Each schema compiles its own TypeScript program, which takes seconds.
describe("generated schemas", () => {
  it.each(SCHEMA_SOURCES)(
    "$file matches $type",
    ({ file, source, type }) => {
      const committed = readFileSync(join(packageDir, "schemas", file), "utf8");

      expect(
        committed,
        `schemas/${file} is stale: run ` +
          "`pnpm --filter @axion-stack/values-schemas schemas` and commit it",
      ).toBe(renderSchema(source, type));
    },
    60_000,
  );
});
