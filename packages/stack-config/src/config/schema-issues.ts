/**
 * Turns ajv's schema errors into config issues that name the dotted path,
 * the value, what is allowed and the fix.
 */
import type { ErrorObject } from "ajv";
import type { ConfigIssue } from "./errors.js";
import { formatValue } from "./errors.js";
import { joinPath, pointerToPath, valueAtPointer } from "./paths.js";
import { closestMatch } from "./suggest.js";
import {
  describeSchema,
  exampleOf,
  listConfigKeys,
  resolveRef,
  type JsonSchema,
} from "./schema.js";

/** Fields of an issue that every mapper fills. */
type IssueBody = Pick<
  ConfigIssue,
  "path" | "value" | "message" | "allowed" | "fix"
>;

interface ErrorContext {
  error: ErrorObject;
  root: JsonSchema;
  data: unknown;
  /** Dotted path of the value that failed. */
  path: string;
  value: unknown;
  /** The schema of that value, with its reference resolved. */
  schema: JsonSchema;
}

function withExample(text: string, schema: JsonSchema): string {
  const example = exampleOf(schema);
  if (example === undefined || schema.enum !== undefined) {
    return text;
  }
  return `${text}, such as ${formatValue(example)}`;
}

function describeValueType(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "a list";
  }
  if (typeof value === "number") {
    return Number.isInteger(value) ? "an integer" : "a fraction";
  }
  const articles: Record<string, string> = {
    string: "a string",
    boolean: "a boolean",
    object: "an object",
  };
  return articles[typeof value] ?? typeof value;
}

/** Finds where else in the config a misplaced key belongs. */
function keyElsewhere(root: JsonSchema, key: string): string | undefined {
  const lower = key.toLowerCase();
  const match = listConfigKeys(root).find(
    (entry) => entry.path.split(".").pop()?.toLowerCase() === lower,
  );
  return match?.path;
}

function unknownKey(context: ErrorContext): IssueBody {
  const { error, root, schema } = context;
  const key = (error.params as { additionalProperty: string })
    .additionalProperty;
  const parent = context.path;
  const path = joinPath(parent, key);
  const known = Object.keys(schema.properties ?? {});
  const value = (context.value as Record<string, unknown>)[key];
  const where = parent === "" ? "the top level" : parent;

  const suggestion = closestMatch(key, known);
  const elsewhere = keyElsewhere(root, key);
  let fix = `remove "${key}"; the config reference lists every key`;
  if (suggestion !== undefined) {
    fix = `rename "${key}" to "${suggestion}"`;
  } else if (elsewhere !== undefined && elsewhere !== path) {
    fix = `move "${key}" to ${elsewhere}`;
  }
  return {
    path,
    value,
    message: `unknown key "${key}"`,
    allowed: `the keys of ${where}: ${known.join(", ")}`,
    fix,
  };
}

function missingKey(context: ErrorContext): IssueBody {
  const { error, root, schema } = context;
  const key = (error.params as { missingProperty: string }).missingProperty;
  const path = joinPath(context.path, key);
  const keySchema = resolveRef(root, schema.properties?.[key] ?? {});
  const example = exampleOf(keySchema);
  return {
    path,
    value: undefined,
    message: `required key "${key}" is missing`,
    allowed: withExample(describeSchema(root, keySchema), keySchema),
    fix:
      example === undefined
        ? `add ${path}`
        : `add ${path}, such as ${key}: ${formatValue(example)}`,
  };
}

function typeFix(context: ErrorContext, expected: string): string {
  const { value, path } = context;
  const expectedType = String(context.error.params.type);
  const numeric = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value);
  const booleanText = value === "true" || value === "false";
  if ((expectedType === "integer" || expectedType === "number") && numeric) {
    return `write ${value} without quotes`;
  }
  if (expectedType === "boolean" && booleanText) {
    return `write ${value} without quotes`;
  }
  if (expectedType === "integer" && typeof value === "number") {
    return `use a whole number, such as ${Math.round(value)}`;
  }
  if (expectedType === "object") {
    return `write ${path} as keys and values; docs/config-reference.md lists them`;
  }
  return `change ${path || "the config"} to ${expected}`;
}

function wrongType(context: ErrorContext): IssueBody {
  const { root, schema, value, path } = context;
  const allowed = describeSchema(root, schema);
  const expected = describeSchema(root, { type: schema.type });
  if (path === "") {
    return {
      path,
      value,
      message: `the config must be an object of keys, not ${describeValueType(value)}`,
      allowed: "an object with at least serverName",
      fix: 'write the config as keys and values, starting with serverName: "example.org"',
    };
  }
  return {
    path,
    value,
    message: `must be ${expected}, not ${describeValueType(value)}`,
    allowed: withExample(allowed, schema),
    fix: typeFix(context, expected),
  };
}

function notAllowedValue(context: ErrorContext): IssueBody {
  const { root, schema, value, path } = context;
  const choices = schema.const !== undefined ? [schema.const] : schema.enum;
  const strings = (choices ?? []).filter(
    (choice): choice is string => typeof choice === "string",
  );
  const suggestion =
    typeof value === "string" ? closestMatch(value, strings) : undefined;
  const fix =
    suggestion !== undefined
      ? `change it to ${JSON.stringify(suggestion)}`
      : `use ${describeSchema(root, schema)}, or remove ${path} to use the default`;
  return {
    path,
    value,
    message: "is not an allowed value",
    allowed: describeSchema(root, schema),
    fix,
  };
}

function outOfBounds(context: ErrorContext): IssueBody {
  const { error, root, schema, value, path } = context;
  const limit = String(error.params.limit);
  const messages: Record<string, string> = {
    minimum: `is below the minimum of ${limit}`,
    maximum: `is above the maximum of ${limit}`,
    minLength: `is shorter than ${limit} characters`,
    maxLength: `is longer than ${limit} characters`,
    pattern: `does not match the pattern ${schema.pattern ?? ""}`,
  };
  const allowed = withExample(describeSchema(root, schema), schema);
  return {
    path,
    value,
    message: messages[error.keyword] ?? error.message ?? "is invalid",
    allowed,
    fix: `change ${path} to ${allowed}`,
  };
}

function noBranchMatches(context: ErrorContext): IssueBody {
  const { root, schema, value, path } = context;
  const allowed = describeSchema(root, schema);
  return {
    path,
    value,
    message: "does not match any of the allowed forms",
    allowed,
    fix: `change ${path || "the config"} to ${allowed}`,
  };
}

const MAPPERS: Record<string, (context: ErrorContext) => IssueBody> = {
  additionalProperties: unknownKey,
  required: missingKey,
  type: wrongType,
  enum: notAllowedValue,
  const: notAllowedValue,
  minimum: outOfBounds,
  maximum: outOfBounds,
  minLength: outOfBounds,
  maxLength: outOfBounds,
  pattern: outOfBounds,
  anyOf: noBranchMatches,
  oneOf: noBranchMatches,
};

/** Drops errors of union branches; the union's own error reports them. */
function withoutBranchErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors
    .filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf")
    .map((error) => `${error.schemaPath}/`);
  return errors.filter(
    (error) => !unions.some((prefix) => error.schemaPath.startsWith(prefix)),
  );
}

function toIssue(
  error: ErrorObject,
  root: JsonSchema,
  data: unknown,
): ConfigIssue {
  const context: ErrorContext = {
    error,
    root,
    data,
    path: pointerToPath(error.instancePath, data),
    value: valueAtPointer(data, error.instancePath),
    schema: resolveRef(root, (error.parentSchema ?? {}) as JsonSchema),
  };
  const mapper = MAPPERS[error.keyword] ?? outOfBounds;
  return { severity: "error", rule: "schema", ...mapper(context) };
}

/**
 * Maps ajv errors (collected with `allErrors` and `verbose`) to issues,
 * one per path and problem.
 */
export function schemaIssues(
  errors: readonly ErrorObject[],
  root: JsonSchema,
  data: unknown,
): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const error of withoutBranchErrors(errors)) {
    const issue = toIssue(error, root, data);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
