/**
 * Grafana Alloy configuration syntax, built as typed blocks and written as
 * text, so a config is assembled from parts rather than pasted together as
 * one string.
 */

/** A reference to another component's export, written without quotes. */
export class AlloyReference {
  constructor(readonly path: string) {
    if (!REFERENCE.test(path)) {
      throw new Error(
        `invalid Alloy reference "${path}": expected dotted identifiers ` +
          "such as prometheus.remote_write.default.receiver",
      );
    }
  }
}

const REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An attribute value: a literal, a list, an object or a reference. */
export type AlloyValue =
  | string
  | number
  | boolean
  | AlloyReference
  | AlloyValue[]
  | { [key: string]: AlloyValue };

/** A block: a component such as `loki.write "default"` or a nested block. */
export interface AlloyBlock {
  /** Block name, such as `prometheus.scrape` or `endpoint`. */
  name: string;
  /** Component label. Nested blocks have none. */
  label?: string;
  /** Attributes, written in insertion order before the nested blocks. */
  attributes?: Record<string, AlloyValue>;
  blocks?: AlloyBlock[];
}

/** Returns a reference to `path`, such as `loki.write.default.receiver`. */
export function ref(path: string): AlloyReference {
  return new AlloyReference(path);
}

function formatKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function formatValue(value: AlloyValue, indent: string): string {
  if (value instanceof AlloyReference) {
    return value.path;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => formatValue(item, indent));
    return `[${items.join(", ")}]`;
  }
  if (typeof value === "object") {
    const inner = `${indent}  `;
    const entries = Object.entries(value).map(
      ([key, item]) =>
        `${inner}${formatKey(key)} = ${formatValue(item, inner)},`,
    );
    return entries.length === 0 ? "{}" : `{\n${entries.join("\n")}\n${indent}}`;
  }
  // Alloy strings use Go's escapes, which JSON's escapes are a subset of.
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function formatBlock(block: AlloyBlock, indent: string): string[] {
  const inner = `${indent}  `;
  const header =
    block.label === undefined
      ? block.name
      : `${block.name} ${JSON.stringify(block.label)}`;
  const attributes = Object.entries(block.attributes ?? {}).map(
    ([key, value]) => `${inner}${key} = ${formatValue(value, inner)}`,
  );
  const nested = (block.blocks ?? []).flatMap((child) =>
    formatBlock(child, inner),
  );
  return [`${indent}${header} {`, ...attributes, ...nested, `${indent}}`];
}

/** Writes blocks as Alloy configuration text, one blank line between. */
export function formatAlloyConfig(blocks: AlloyBlock[]): string {
  const parts = blocks.map((block) => formatBlock(block, "").join("\n"));
  return `${parts.join("\n\n")}\n`;
}

/**
 * Escapes Helm template delimiters. The Alloy chart passes its config
 * through `tpl`, which would otherwise read `{{` as a template action.
 */
export function escapeHelmTemplate(text: string): string {
  return text.replaceAll("{{", '{{ "{{" }}');
}
