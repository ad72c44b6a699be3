/**
 * The generated JSON Schema of the stack config and helpers that read it.
 *
 * The schema is generated from `model.ts` by `scripts/generate-schema.ts`
 * and committed as `schemas/stack-config.schema.json`; a test fails when it
 * is stale.
 */
import { readFileSync } from "node:fs";

/** The subset of JSON Schema draft-07 that the generator emits. */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
  definitions?: Record<string, JsonSchema>;
}

/** Location of the committed schema; `src/` and `dist/` both sit beside it. */
export const CONFIG_SCHEMA_URL = new URL(
  "../../schemas/stack-config.schema.json",
  import.meta.url,
);

let cachedSchema: JsonSchema | undefined;

/** Reads the committed config schema once and returns it. */
export function loadConfigSchema(): JsonSchema {
  cachedSchema ??= JSON.parse(
    readFileSync(CONFIG_SCHEMA_URL, "utf8"),
  ) as JsonSchema;
  return cachedSchema;
}

/** Follows a local `#/definitions/<name>` reference, if the node has one. */
export function resolveRef(root: JsonSchema, node: JsonSchema): JsonSchema {
  const prefix = "#/definitions/";
  if (node.$ref === undefined || !node.$ref.startsWith(prefix)) {
    return node;
  }
  const name = decodeURIComponent(node.$ref.slice(prefix.length));
  const target = root.definitions?.[name];
  if (target === undefined) {
    throw new Error(`config schema has no definition "${name}"`);
  }
  // Keywords beside $ref (the property's own description) win.
  const { $ref: _ref, ...own } = node;
  return { ...resolveRef(root, target), ...own };
}

/** One key of the config, as listed in the config reference. */
export interface SchemaKey {
  /** Dotted path; `[]` stands for every item of an array. */
  path: string;
  schema: JsonSchema;
  required: boolean;
}

function objectBranches(root: JsonSchema, node: JsonSchema): JsonSchema[] {
  const resolved = resolveRef(root, node);
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (branches !== undefined) {
    return branches.flatMap((branch) => objectBranches(root, branch));
  }
  if (resolved.items !== undefined) {
    return objectBranches(root, resolved.items);
  }
  return resolved.properties === undefined ? [] : [resolved];
}

function childPrefix(root: JsonSchema, path: string, node: JsonSchema) {
  return resolveRef(root, node).type === "array" ? `${path}[]` : path;
}

/**
 * Lists every key of the config depth-first, in declaration order. Keys of
 * array items appear under `<array>[]`; keys of union branches are merged.
 */
export function listConfigKeys(root: JsonSchema): SchemaKey[] {
  const keys: SchemaKey[] = [];
  const seen = new Set<string>();

  const visit = (node: JsonSchema, prefix: string): void => {
    for (const branch of objectBranches(root, node)) {
      for (const [name, child] of Object.entries(branch.properties ?? {})) {
        const path = prefix === "" ? name : `${prefix}.${name}`;
        if (seen.has(path)) {
          continue;
        }
        seen.add(path);
        const schema = resolveRef(root, child);
        const required = branch.required?.includes(name) ?? false;
        keys.push({ path, schema, required });
        visit(child, childPrefix(root, path, child));
      }
    }
  };

  visit(root, "");
  return keys;
}

const ARTICLE_TYPES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "null",
};

function describeRange(schema: JsonSchema, base: string): string {
  const { minimum, maximum } = schema;
  if (minimum !== undefined && maximum !== undefined) {
    return `${base} from ${minimum} to ${maximum}`;
  }
  if (minimum !== undefined) {
    return `${base} of at least ${minimum}`;
  }
  if (maximum !== undefined) {
    return `${base} of at most ${maximum}`;
  }
  return base;
}

function describeType(schema: JsonSchema): string {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const names = types.map((type) => ARTICLE_TYPES[type ?? ""] ?? "a value");
  let text = describeRange(schema, names.join(" or "));
  if (schema.pattern !== undefined) {
    text += ` matching ${schema.pattern}`;
  }
  if (schema.maxLength !== undefined) {
    text += ` of at most ${schema.maxLength} characters`;
  }
  return text;
}

/**
 * Describes what a schema accepts in words, such as `an integer from 1 to
 * 65535` or `one of "26.4.0", "26.8.1"`, for error messages.
 */
export function describeSchema(root: JsonSchema, node: JsonSchema): string {
  const schema = resolveRef(root, node);
  if (schema.const !== undefined) {
    return `only ${JSON.stringify(schema.const)}`;
  }
  if (schema.enum !== undefined) {
    return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined) {
    return branches.map((branch) => describeSchema(root, branch)).join(", or ");
  }
  if (schema.type === "array" && schema.items !== undefined) {
    return `a list, each item ${describeSchema(root, schema.items)}`;
  }
  return describeType(schema);
}

/** Returns the first example of a key, else its default. */
export function exampleOf(schema: JsonSchema): unknown {
  return schema.examples?.[0] ?? schema.default;
}
