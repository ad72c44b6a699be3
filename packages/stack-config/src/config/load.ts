/**
 * Loading a config file: a TypeScript or JavaScript module's default
 * export, or a YAML or JSON document of the same shape.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import {
  LineCounter,
  parseAllDocuments,
  parseDocument,
  type YAMLError,
  type YAMLWarning,
} from "yaml";
import { ConfigLoadError, type ConfigIssue } from "./errors.js";
import { attachLocations, collectLocations, locate } from "./locations.js";
import { findCycle } from "./paths.js";

const MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];
const YAML_EXTENSIONS = [".yaml", ".yml"];

/** File extensions that `loadConfig` reads. */
export const CONFIG_EXTENSIONS = [
  ...MODULE_EXTENSIONS,
  ...YAML_EXTENSIONS,
  ".json",
];

const ALLOWED = `a ${CONFIG_EXTENSIONS.join(", ")} file`;

type LoadProblem = Pick<ConfigIssue, "message" | "fix" | "line" | "column"> & {
  value?: unknown;
  /** Expected file form; defaults to the supported file types. */
  allowed?: string;
  /** Dotted config path of the problem; the whole file when unset. */
  at?: string;
};

function loadError(path: string, problem: LoadProblem): ConfigLoadError {
  const issue: ConfigIssue = {
    severity: "error",
    path: problem.at ?? "",
    value: problem.value,
    message: problem.message,
    allowed: problem.allowed ?? ALLOWED,
    fix: problem.fix,
    rule: "load",
  };
  if (problem.line !== undefined) {
    issue.line = problem.line;
    issue.column = problem.column;
  }
  return new ConfigLoadError(issue, basename(path));
}

async function checkFile(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) {
    throw loadError(path, {
      value: path,
      message: "config file not found",
      fix: `create ${path}, or pass --config <file> to use another config file`,
    });
  }
  if (found.isDirectory()) {
    throw loadError(path, {
      value: path,
      message: "is a directory, not a config file",
      fix: "pass --config with the config file inside it, such as stack.config.ts",
    });
  }
}

/**
 * Rejects a tag that the YAML 1.2 core schema does not define, such as
 * `!!js/function`. The yaml package only warns and reads the node as a
 * plain string, which would hide a config written for another loader.
 */
function rejectUnknownTags(path: string, warnings: readonly YAMLWarning[]) {
  const unknown = warnings.find((item) => item.code === "TAG_RESOLVE_FAILED");
  if (unknown === undefined) {
    return;
  }
  // The message names the resolved tag; print it as the user wrote it.
  const tag = /tag: (\S+)/
    .exec(unknown.message)?.[1]
    ?.replace(/^tag:yaml\.org,2002:/, "!!");
  const position = unknown.linePos?.[0];
  throw loadError(path, {
    value: tag,
    message: `invalid YAML: the tag ${tag ?? "here"} is not supported`,
    allowed: "YAML 1.2 core schema values without custom tags",
    fix: "remove the tag and write the value as plain YAML",
    line: position?.line,
    column: position?.col,
  });
}

/** Parses the one YAML document of a config file. */
function parseYaml(path: string, text: string): unknown {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, {
    prettyErrors: true,
    lineCounter: lines,
  });
  if (!Array.isArray(documents) || documents.length === 0) {
    throw loadError(path, {
      message: "the file is empty",
      allowed: "one YAML 1.2 document",
      fix: "write the config into it, starting with serverName",
    });
  }
  if (documents.length > 1) {
    throw loadError(path, {
      value: `${documents.length} documents`,
      message: "contains more than one YAML document",
      allowed: "one YAML 1.2 document",
      fix: "keep one document: remove the '---' separators",
    });
  }
  const document = documents[0]!;
  const error = document.errors[0];
  if (error !== undefined) {
    const position = error.linePos?.[0];
    throw loadError(path, {
      message: `invalid YAML: ${error.message.split(" at line ")[0]}`,
      allowed: "one YAML 1.2 document",
      fix: "correct the YAML at that line",
      line: position?.line,
      column: position?.col,
    });
  }
  rejectUnknownTags(path, document.warnings);
  let config: unknown;
  try {
    config = document.toJS() as unknown;
  } catch (error) {
    // The yaml package stops alias expansion that would blow up in size.
    throw loadError(path, {
      message: `invalid YAML: ${(error as Error).message}`,
      allowed: "one YAML 1.2 document",
      fix: "replace the aliases (*name) with the values they stand for",
    });
  }
  attachLocations(config, collectLocations(document.contents, lines));
  return config;
}

/** Converts a character offset into a 1-based line and column. */
function lineAndColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * Rejects an object with a repeated key, which JSON.parse would read as
 * the last value without a word.
 */
function rejectDuplicateKeys(
  path: string,
  text: string,
  errors: readonly YAMLError[],
) {
  const duplicate = errors.find((item) => item.code === "DUPLICATE_KEY");
  if (duplicate !== undefined) {
    const position = duplicate.linePos?.[0];
    const key = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(duplicate.pos[0]));
    throw loadError(path, {
      value: key?.[1],
      message: "invalid JSON: an object contains the same key twice",
      allowed: "one JSON document whose objects have unique keys",
      fix: "remove one of the two keys, so the value you mean is kept",
      line: position?.line,
      column: position?.col,
    });
  }
}

function parseJson(path: string, text: string): unknown {
  let config: unknown;
  try {
    config = JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = / in JSON at position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : {};
    throw loadError(path, {
      message: `invalid JSON: ${message.replace(/ in JSON at position .*$|, ".*" is not valid JSON$/s, "")}`,
      allowed: "one JSON document",
      fix: "correct the JSON at that point",
      ...where,
    });
  }

  // YAML 1.2 is a superset of JSON, so its parser supplies the positions
  // and finds the duplicate keys that JSON.parse silently overwrites.
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: true,
  });
  rejectDuplicateKeys(path, text, document.errors);
  attachLocations(config, collectLocations(document.contents, lines));
  return config;
}

/**
 * Reads the `file:line:column: ERROR: text` line of an esbuild failure.
 * esbuild counts columns from 0.
 */
function syntaxError(
  path: string,
  message: string,
): ConfigLoadError | undefined {
  const match = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (match === null) {
    return undefined;
  }
  const [, file, line, column, text] = match;
  const elsewhere = resolve(file!) === path ? "" : ` in ${file}`;
  return loadError(path, {
    message: `syntax error${elsewhere}: ${text}`,
    allowed: "a TypeScript or JavaScript module that compiles",
    fix: "correct the code at that line",
    ...(elsewhere === ""
      ? { line: Number(line), column: Number(column) + 1 }
      : {}),
  });
}

function moduleError(path: string, error: unknown): ConfigLoadError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_MODULE_NOT_FOUND") {
    return loadError(path, {
      message: `an import failed: ${message}`,
      allowed: "a module whose imports resolve",
      fix: "fix the import, or run pnpm install and pnpm build so the imported package exists",
    });
  }
  return (
    syntaxError(path, message) ??
    loadError(path, {
      message: `running the config module failed: ${message}`,
      allowed: "a module that runs without throwing",
      fix: `run "npx tsx ${basename(path)}" to see where it fails`,
    })
  );
}

/**
 * Returns the default export. tsx compiles a module outside a
 * `"type": "module"` package to CommonJS, and then the namespace's
 * `default` is `module.exports` with the real default inside.
 */
function defaultExport(namespace: Record<string, unknown>): unknown {
  const exported = namespace.default as Record<string, unknown> | undefined;
  if (
    exported !== undefined &&
    exported !== null &&
    exported.__esModule === true
  ) {
    return exported.default;
  }
  return exported;
}

async function importModule(path: string): Promise<unknown> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await tsImport(
      pathToFileURL(path).href,
      import.meta.url,
    )) as Record<string, unknown>;
  } catch (error) {
    throw moduleError(path, error);
  }
  const config = defaultExport(namespace);
  if (config === undefined) {
    throw loadError(path, {
      message: "the module has no default export",
      allowed: "a module whose default export is the config object",
      fix: "export the config: export default defineStack({ serverName: ... })",
    });
  }
  if (typeof config === "function") {
    throw loadError(path, {
      value: "a function",
      message: "the default export is a function, not a config",
      allowed: "a module whose default export is the config object",
      fix: "call it: export default defineStack({ serverName: ... })",
    });
  }
  return config;
}

function rejectCycles(path: string, config: unknown): unknown {
  const cycle = findCycle(config);
  if (cycle !== undefined) {
    const where = locate(config, cycle);
    throw loadError(path, {
      at: cycle,
      line: where?.line,
      column: where?.column,
      message: "refers back to one of its parents, so the config never ends",
      allowed: "a tree of keys and values without cycles",
      fix: "replace the YAML alias (*name) at that key with the values it should have",
    });
  }
  return config;
}

/**
 * Loads the config file at `path` (relative to the working directory) and
 * returns its content, not yet validated. Throws ConfigLoadError, with the
 * line and column where known, when the file is missing, has an unknown
 * extension, does not parse or exports no config.
 */
export async function loadConfig(path: string): Promise<unknown> {
  const absolute = resolve(path);
  await checkFile(absolute);

  const extension = extname(absolute).toLowerCase();
  if (MODULE_EXTENSIONS.includes(extension)) {
    return rejectCycles(absolute, await importModule(absolute));
  }
  if (!YAML_EXTENSIONS.includes(extension) && extension !== ".json") {
    throw loadError(absolute, {
      value: extension || "(none)",
      message: "the file type is not supported",
      fix: `rename or convert it to ${CONFIG_EXTENSIONS.join(", ")}`,
    });
  }

  const text = await readFile(absolute, "utf8");
  const config =
    extension === ".json"
      ? parseJson(absolute, text)
      : parseYaml(absolute, text);
  return rejectCycles(absolute, config);
}
