import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Folder of the upstream contracts (chart value schemas, MAS config schema,
 * Authentik blueprint schema, Flux CRDs). It sits beside the checkout as
 * `../shared/upstream`; `AXION_SHARED_DIR` points elsewhere.
 */
export function upstreamDir(): string {
  const shared = process.env.AXION_SHARED_DIR ?? join(repoRoot, "..", "shared");
  const dir = join(shared, "upstream");
  if (!existsSync(dir)) {
    throw new Error(
      `upstream contracts not found at ${dir}: the contract tests read the ` +
        "upstream charts' schemas from a 'shared/upstream' folder beside " +
        "the checkout. Place it there or set AXION_SHARED_DIR to the " +
        "folder that contains 'upstream'.",
    );
  }
  return dir;
}

/** Path of one upstream file, such as `ess-helm/26.4.0/values.schema.json`. */
export function upstreamPath(relativePath: string): string {
  const path = join(upstreamDir(), relativePath);
  if (!existsSync(path)) {
    throw new Error(`upstream contract file missing: ${path}`);
  }
  return path;
}

/** Parses one upstream JSON or YAML file. */
export function readUpstream<T = unknown>(relativePath: string): T {
  const text = readFileSync(upstreamPath(relativePath), "utf8");
  return (relativePath.endsWith(".json") ? JSON.parse(text) : parse(text)) as T;
}

/** Parses every YAML document of an upstream file (CRDs). */
export function readUpstreamDocuments(relativePath: string): unknown[] {
  const text = readFileSync(upstreamPath(relativePath), "utf8");
  return text
    .split(/^---$/m)
    .filter((part) => part.trim() !== "")
    .map((part) => parse(part) as unknown);
}
