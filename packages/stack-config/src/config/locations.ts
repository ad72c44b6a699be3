/**
 * Source locations of config keys, so that issues in a YAML or JSON config
 * can name the line to edit.
 *
 * The loader records the line and column of every key and list item and
 * attaches the map to the loaded value under a symbol. Symbols are not
 * enumerable keys, so the schema, the rules and JSON serialisation never
 * see it.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { ConfigIssue } from "./errors.js";
import { joinPath } from "./paths.js";

/** 1-based line and column of a key or list item. */
export interface SourceLocation {
  line: number;
  column: number;
}

/** Dotted config path to where it is written. */
export type LocationMap = Map<string, SourceLocation>;

const LOCATIONS = Symbol.for("axion-stack.config-locations");

function position(node: Node, lines: LineCounter): SourceLocation | undefined {
  const offset = node.range?.[0];
  if (offset === undefined) {
    return undefined;
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** Records the location of every key and list item under `node`. */
export function collectLocations(
  node: unknown,
  lines: LineCounter,
  prefix = "",
  locations: LocationMap = new Map(),
): LocationMap {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) {
        continue;
      }
      const path = joinPath(prefix, key);
      const where = position(pair.key as Node, lines);
      if (where !== undefined) {
        locations.set(path, where);
      }
      collectLocations(pair.value, lines, path, locations);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const path = `${prefix}[${index}]`;
      const where = position(item as Node, lines);
      if (where !== undefined) {
        locations.set(path, where);
      }
      collectLocations(item, lines, path, locations);
    });
  }
  return locations;
}

/** Attaches a location map to a loaded config; scalars carry none. */
export function attachLocations(config: unknown, locations: LocationMap) {
  if (config !== null && typeof config === "object") {
    Object.defineProperty(config, LOCATIONS, {
      value: locations,
      enumerable: false,
    });
  }
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut <= 0 ? "" : path.slice(0, cut);
}

/**
 * Returns where `path` is written in the config's source, or where its
 * nearest written parent is, as for a missing key. Undefined when the
 * config carries no locations (a TypeScript config) or no parent is written.
 */
export function locate(
  config: unknown,
  path: string,
): SourceLocation | undefined {
  if (config === null || typeof config !== "object") {
    return undefined;
  }
  const locations = (config as Record<symbol, LocationMap | undefined>)[
    LOCATIONS
  ];
  for (let at = path; locations !== undefined && at !== "";) {
    const found = locations.get(at);
    if (found !== undefined) {
      return found;
    }
    at = parentPath(at);
  }
  return undefined;
}

/** Adds the source location to an issue that has none yet. */
export function withLocation(issue: ConfigIssue, config: unknown) {
  if (issue.line !== undefined) {
    return issue;
  }
  const where = locate(config, issue.path);
  return where === undefined
    ? issue
    : { ...issue, line: where.line, column: where.column };
}
