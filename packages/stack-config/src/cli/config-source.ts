/**
 * Loading and validation of the config, as the CLI uses them.
 *
 * TODO: replace this interim loader by `loadConfig` (config/load.ts) and
 * `validateConfig` (config/validate.ts) once they land; until then a
 * config is only checked for an object with a string `serverName`.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { parse } from "yaml";
import type { ConfigIssue } from "../config/errors.js";
import { ConfigLoadError } from "../config/errors.js";
import type { StackConfig } from "../config/model.js";

function loadIssue(path: string, message: string, fix: string): ConfigIssue {
  return {
    severity: "error",
    path: "",
    value: path,
    message,
    allowed: "a .ts, .mts, .js, .yaml, .yml or .json file",
    fix,
    rule: "load",
  };
}

/** Reads a config file: a module's default export, or YAML or JSON. */
export async function loadConfig(path: string): Promise<unknown> {
  const extension = extname(path);
  try {
    if ([".yaml", ".yml", ".json"].includes(extension)) {
      return parse(await readFile(path, "utf8")) as unknown;
    }
    const module = (await tsImport(
      pathToFileURL(path).href,
      import.meta.url,
    )) as {
      default?: unknown;
    };
    return module.default;
  } catch (error) {
    throw new ConfigLoadError(
      loadIssue(
        path,
        `could not be loaded: ${(error as Error).message}`,
        "check that the file exists and parses",
      ),
      path,
    );
  }
}

/** Accepts any object with a string `serverName`. */
export function validateConfig(raw: unknown): {
  config: StackConfig | undefined;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
} {
  const ok =
    raw !== null &&
    typeof raw === "object" &&
    typeof (raw as { serverName?: unknown }).serverName === "string";
  if (ok) {
    return { config: raw as StackConfig, errors: [], warnings: [] };
  }
  const issue: ConfigIssue = {
    severity: "error",
    path: "serverName",
    value: undefined,
    message: "is missing",
    allowed: "a domain name such as axion1337.chat",
    fix: "export a defineStack({ serverName: ... }) call",
    rule: "schema",
  };
  return { config: undefined, errors: [issue], warnings: [] };
}
