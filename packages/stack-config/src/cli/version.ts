import { readFileSync } from "node:fs";

/**
 * Returns the version in the package's package.json, which sits two levels
 * above this file both in `src/cli/` and in `dist/cli/`.
 */
export function packageVersion(): string {
  const url = new URL("../../package.json", import.meta.url);
  const json = JSON.parse(readFileSync(url, "utf8")) as { version?: string };
  if (typeof json.version !== "string") {
    throw new Error(`no "version" in ${url.pathname}`);
  }
  return json.version;
}
