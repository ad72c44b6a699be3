/**
 * Generates `docs/config-reference.md` from the committed config schema and
 * the rule table: every key with its dotted path, type, default, example
 * and description, then the cross-field rules.
 *
 *   pnpm --filter @axion-stack/stack-config docs [--check] [--output FILE]
 *     compares instead of writing, and exits 1 when the file is stale.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CONFIG_RULES } from "../src/config/rules.js";
import {
  listConfigKeys,
  loadConfigSchema,
  type JsonSchema,
  type SchemaKey,
} from "../src/config/schema.js";
import {
  REPO_ROOT,
  formatLikePrettier,
  parseGeneratorArgs,
  writeOrCheck,
} from "./generated-file.js";

export const REFERENCE_FILE = join(REPO_ROOT, "docs/config-reference.md");
const COMMAND = "pnpm --filter @axion-stack/stack-config docs";

const INTRO = `# Config reference

<!-- Generated from packages/stack-config/schemas/stack-config.schema.json
by "${COMMAND}". Do not edit: change the JSDoc in config/model.ts. -->

Every key of the stack config, as written in \`stack.config.ts\` (a
\`defineStack({...})\` call) or in a YAML or JSON file of the same shape.
The schema requires only \`serverName\`, and every other key has a default
or is off when unset. With the defaults, two cross-field rules need more.
The SFU needs a public address, so set \`cluster.publicIP\`,
\`ess.matrixRTC.sfu.manualIP\` or
\`ess.matrixRTC.sfu.useStunToDiscoverPublicIP: true\`, or switch MatrixRTC
off. Monitoring needs \`monitoring.prometheusUrl\` and
\`monitoring.lokiUrl\`, unless \`monitoring.enabled\` is false. A minimal
valid config is therefore:

\`\`\`yaml
serverName: example.org
cluster:
  publicIP: 198.18.0.10
monitoring:
  prometheusUrl: http://prometheus.example.org:9090
  lokiUrl: http://loki.example.org:3100
\`\`\`

Unknown keys are errors, so a misspelled key never passes silently.

Editors can check a YAML config against the JSON Schema in
\`packages/stack-config/schemas/stack-config.schema.json\`, for example with
a \`# yaml-language-server: $schema=<path to that file>\` first line.
Run \`axion-stack validate --config <file>\` to check a config, including the
cross-field rules listed at the end.`;

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

/** Returns a short type label, such as `integer` or `list of object`. */
function typeLabel(schema: JsonSchema): string {
  if (schema.const !== undefined) {
    return code(schema.const);
  }
  if (schema.enum !== undefined) {
    return schema.enum.map(code).join(" \\| ");
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined) {
    return branches.map(typeLabel).join(" \\| ");
  }
  if (schema.type === "array") {
    return `list of ${schema.items ? typeLabel(schema.items) : "any"}`;
  }
  if (schema.$ref !== undefined || schema.properties !== undefined) {
    return "object";
  }
  return Array.isArray(schema.type)
    ? schema.type.join(" \\| ")
    : (schema.type ?? "any");
}

function limits(schema: JsonSchema): string[] {
  const lines: string[] = [];
  if (schema.pattern !== undefined) {
    lines.push(`- Pattern: \`${schema.pattern}\``);
  }
  if (schema.minimum !== undefined) {
    lines.push(`- Minimum: ${schema.minimum}`);
  }
  if (schema.maximum !== undefined) {
    lines.push(`- Maximum: ${schema.maximum}`);
  }
  if (schema.maxLength !== undefined) {
    lines.push(`- Maximum length: ${schema.maxLength}`);
  }
  return lines;
}

function renderKey(key: SchemaKey, level: number): string {
  const { schema } = key;
  const facts = [`- Type: ${typeLabel(schema)}`];
  if (key.required) {
    facts.push("- Required: yes");
  }
  if (schema.default !== undefined) {
    facts.push(`- Default: ${code(schema.default)}`);
  }
  for (const example of schema.examples ?? []) {
    facts.push(`- Example: ${code(example)}`);
  }
  facts.push(...limits(schema));

  const heading = `${"#".repeat(level)} \`${key.path}\``;
  const description = (schema.description ?? "").replace(/\n/g, " ");
  return [heading, description, facts.join("\n")]
    .filter((part) => part !== "")
    .join("\n\n");
}

function renderRules(): string {
  const rules = CONFIG_RULES.map(
    (rule) => `- \`${rule.name}\`: ${rule.description}`,
  );
  return [
    "## Cross-field rules",
    "Checked after the schema, on every part of the config that the schema " +
      "accepted. An issue names its rule in brackets.",
    rules.join("\n"),
  ].join("\n\n");
}

/** Renders the whole reference as Markdown. */
export function renderReference(): string {
  const keys = listConfigKeys(loadConfigSchema());
  const sections = keys.map((key) =>
    renderKey(key, key.path.includes(".") ? 3 : 2),
  );
  return [INTRO, ...sections, renderRules()].join("\n\n") + "\n";
}

async function main(): Promise<void> {
  const { check, output } = parseGeneratorArgs(process.argv.slice(2));
  const path = output ?? REFERENCE_FILE;
  const text = await formatLikePrettier(renderReference(), path);
  writeOrCheck(path, text, COMMAND, check);
}

// Run only as a script, not when generate-schema.ts imports the renderer.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
