import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

// The check runs as its own process because scripts/ is outside this
// package's TypeScript rootDir. It compiles one program per schema, so it
// takes tens of seconds.
describe("generated schemas", () => {
  it("match the TypeScript types", async () => {
    const run = promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/schemas.ts", "--check"],
      { cwd: packageDir },
    );

    await expect(run).resolves.toMatchObject({ stderr: "" });
  }, 180_000);
});
