/**
 * Config validation in two layers: the generated JSON Schema, then the
 * cross-field rules of `rules.ts` on every part the schema accepted.
 */
import { Ajv, type ValidateFunction } from "ajv";
import { redactIssue, type ConfigIssue } from "./errors.js";
import { withLocation } from "./locations.js";
import type { StackConfig } from "./model.js";
import { comparePaths, compareText } from "./paths.js";
import { CONFIG_RULES, runRules, type ConfigRule } from "./rules.js";
import { SECRET_CONFIG_PATHS } from "./rules/sso.js";
import { schemaIssues } from "./schema-issues.js";
import { loadConfigSchema } from "./schema.js";

/** Result of validating a config; `config` is set only without errors. */
export interface ValidationResult {
  config?: StackConfig;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (compiled === undefined) {
    // verbose: errors carry their schema, which names the allowed keys.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    compiled = ajv.compile(loadConfigSchema());
  }
  return compiled;
}

/** Sorts issues by path, then message, so output is stable. */
export function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort(
    (a, b) => comparePaths(a.path, b.path) || compareText(a.message, b.message),
  );
}

function internalError(error: unknown): ConfigIssue {
  return {
    severity: "error",
    path: "",
    value: undefined,
    message: `validation failed unexpectedly: ${String(error)}`,
    allowed: "a config that the validator can read",
    fix: "report this as a bug in axion-stack, with the config",
    rule: "internal",
  };
}

function collectIssues(
  raw: unknown,
  rules: readonly ConfigRule[],
): ConfigIssue[] {
  const validate = schemaValidator();
  const root = loadConfigSchema();
  validate(raw);
  const fromSchema = schemaIssues(validate.errors ?? [], root, raw);

  // The rules read a typed config; a top-level value that is not an
  // object has nothing for them to read.
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return fromSchema;
  }
  const fromRules = runRules(raw as StackConfig, fromSchema, rules);
  return [...fromSchema, ...fromRules];
}

/**
 * Validates a loaded config against the schema and the cross-field rules.
 * Never throws: every problem, including an internal failure, comes back
 * as an issue. Errors and warnings are each sorted by path, and carry the
 * line and column when the loader recorded them (YAML and JSON files).
 */
export function validateConfig(
  raw: unknown,
  rules: readonly ConfigRule[] = CONFIG_RULES,
): ValidationResult {
  let issues: ConfigIssue[];
  try {
    issues = collectIssues(raw, rules);
  } catch (error) {
    issues = [internalError(error)];
  }
  const sorted = sortIssues(issues).map((issue) =>
    withLocation(redactIssue(issue, SECRET_CONFIG_PATHS), raw),
  );
  const errors = sorted.filter((issue) => issue.severity === "error");
  const warnings = sorted.filter((issue) => issue.severity === "warning");
  if (errors.length > 0) {
    return { errors, warnings };
  }
  return { config: raw as StackConfig, errors, warnings };
}
