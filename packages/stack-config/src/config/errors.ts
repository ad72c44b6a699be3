/**
 * Config issues: what validation and loading report, and how they print.
 */
import { pathsOverlap } from "./paths.js";

/** One problem found in a config, located by its dotted path. */
export interface ConfigIssue {
  /** `error` stops generation; `warning` is printed and generation goes on. */
  severity: "error" | "warning";
  /**
   * Dotted config path with array indexes in brackets, such as
   * `policies.autoJoinRooms.rooms[0]`. Empty for the whole file.
   */
  path: string;
  /** Value found at `path`; `undefined` when the key is not set. */
  value: unknown;
  /** Problem, as a clause that reads after the path. */
  message: string;
  /** Values or format that the key accepts. */
  allowed: string;
  /** Change to make in the config. */
  fix: string;
  /** Name of the check that found it: `schema`, `load` or a rule name. */
  rule: string;
  /** 1-based line in the config file, when the loader recorded it. */
  line?: number;
  /** 1-based column in the config file, when the loader recorded it. */
  column?: number;
}

/** Printed in place of a value that may be a secret. */
export const REDACTED = "(redacted)";

/**
 * Path segments under which a value may be a secret, such as
 * `sso.clientSecret` or a key named `password`.
 */
const SENSITIVE_SEGMENT =
  /secret|password|passphrase|token|credential|private/i;

/**
 * True when a value at this dotted path may be a secret: a path segment is
 * named like a credential, or the path is at, inside or above one of
 * `secretPaths`.
 */
export function isSensitivePath(
  path: string,
  secretPaths: readonly string[] = [],
): boolean {
  const segments = path.split(/[.[\]]/);
  return (
    segments.some((segment) => SENSITIVE_SEGMENT.test(segment)) ||
    secretPaths.some((secretPath) => pathsOverlap(path, secretPath))
  );
}

/**
 * Returns the issue with its value replaced by `REDACTED` when it may be a
 * secret, so no output, text or JSON, shows it.
 */
export function redactIssue(
  issue: ConfigIssue,
  secretPaths: readonly string[] = [],
): ConfigIssue {
  if (issue.value === undefined || !isSensitivePath(issue.path, secretPaths)) {
    return issue;
  }
  return { ...issue, value: REDACTED };
}

/** Maximum length of a printed value; longer ones are cut with `...`. */
const MAX_VALUE_LENGTH = 72;

/** Renders a received value as JSON, shortened for one terminal line. */
export function formatValue(value: unknown): string {
  if (value === undefined) {
    return "(not set)";
  }
  if (value === REDACTED) {
    return REDACTED;
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // A BigInt or a cycle, which only a TypeScript config can hold.
    text = `(${typeof value} that cannot be printed as JSON)`;
  }
  if (text.length <= MAX_VALUE_LENGTH) {
    return text;
  }
  return `${text.slice(0, MAX_VALUE_LENGTH - 3)}...`;
}

function locate(issue: ConfigIssue, configFile: string): string {
  let location = configFile;
  if (issue.line !== undefined) {
    location += `:${issue.line}`;
    if (issue.column !== undefined) {
      location += `:${issue.column}`;
    }
  }
  return issue.path === "" ? location : `${location}: ${issue.path}`;
}

function formatIssue(issue: ConfigIssue, configFile: string): string {
  const head =
    `${issue.severity}: ${locate(issue, configFile)}: ` +
    `${issue.message} [${issue.rule}]`;
  return [
    head,
    `  received: ${formatValue(issue.value)}`,
    `  allowed:  ${issue.allowed}`,
    `  fix:      ${issue.fix}`,
  ].join("\n");
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * Formats issues for a terminal. Each issue gets a headline (severity,
 * file, line, dotted path, message and rule) and three indented lines: the
 * received value, what is allowed and the fix. One summary line follows,
 * and the text ends with a newline.
 */
export function formatIssues(
  issues: readonly ConfigIssue[],
  configFile: string,
): string {
  const errors = issues.filter((issue) => issue.severity === "error");
  const warnings = issues.length - errors.length;
  const blocks = issues.map((issue) => formatIssue(issue, configFile));
  const summary =
    `${configFile}: ${count(errors.length, "error")}, ` +
    `${count(warnings, "warning")}`;
  return [...blocks, summary].join("\n\n") + "\n";
}

/**
 * Thrown when a config cannot be used: it does not load or it has errors.
 * The message is the formatted issue list; the CLI maps this class to exit
 * code 1.
 */
export class ConfigValidationError extends Error {
  readonly issues: readonly ConfigIssue[];
  readonly configFile: string;

  constructor(issues: readonly ConfigIssue[], configFile: string) {
    super(formatIssues(issues, configFile));
    this.name = "ConfigValidationError";
    this.issues = issues;
    this.configFile = configFile;
  }
}

/**
 * Thrown when a config file is missing, does not parse or exports no
 * config. It is a ConfigValidationError, so it maps to the same exit code.
 */
export class ConfigLoadError extends ConfigValidationError {
  constructor(issue: ConfigIssue, configFile: string) {
    super([issue], configFile);
    this.name = "ConfigLoadError";
  }
}
