/**
 * Prometheus rule files and configs found anywhere in the generated tree,
 * and their check with the real `promtool`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type CommandResult, runCommand } from "./processes.js";
import { TOOLS } from "./tools.js";
import type { TreeObject } from "./tree.js";

/** One Prometheus file found in the tree. */
export interface PrometheusFile {
  /** Where it was found: file, object and field path. */
  source: string;
  kind: "rules" | "config";
  /** The file's content as YAML. */
  text: string;
}

type Node = { [key: string]: unknown };

function isMap(value: unknown): value is Node {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Tells a rule file (`groups` with `rules`) from a server config. */
function prometheusKind(value: unknown): PrometheusFile["kind"] | undefined {
  if (!isMap(value)) {
    return undefined;
  }
  const groups = value.groups;
  if (Array.isArray(groups) && groups.some((g) => isMap(g) && "rules" in g)) {
    return "rules";
  }
  if (Array.isArray(value.scrape_configs)) {
    return "config";
  }
  return undefined;
}

function parseYaml(text: string): unknown {
  try {
    // Authentik blueprints use tags such as !Find that no Prometheus file
    // has, so warnings about unknown tags are noise here.
    return parse(text, { logLevel: "error" }) as unknown;
  } catch {
    // A string that is not valid YAML, such as Alloy config, is not a
    // Prometheus file.
    return undefined;
  }
}

/**
 * Walks a value, also into strings that hold YAML (ConfigMap data, values
 * files), and collects everything that looks like a Prometheus file.
 */
function collect(value: unknown, source: string, found: PrometheusFile[]) {
  const parsed = typeof value === "string" ? parseYaml(value) : value;
  const kind = prometheusKind(parsed);
  if (kind !== undefined) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    found.push({ source, kind, text });
    return;
  }
  if (typeof value === "string" && typeof parsed === "object") {
    collect(parsed, source, found);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collect(item, `${source}[${index}]`, found));
  } else if (isMap(value)) {
    for (const [key, child] of Object.entries(value)) {
      collect(child, `${source}.${key}`, found);
    }
  }
}

/**
 * Finds Prometheus rule files and server configs in the tree's objects:
 * PrometheusRule specs, ConfigMap data and HelmRelease values alike.
 */
export function findPrometheusFiles(objects: TreeObject[]): PrometheusFile[] {
  const found: PrometheusFile[] = [];
  for (const { file, object } of objects) {
    const name = (object.metadata as { name?: string } | undefined)?.name;
    collect(object, `${file} ${String(object.kind)}/${name}`, found);
  }
  return found;
}

/** Runs `promtool check rules` or `promtool check config` on one file. */
export async function promtoolCheck(
  file: PrometheusFile,
  dir: string,
  index: number,
): Promise<CommandResult> {
  const path = join(dir, `${file.kind}-${index}.yaml`);
  writeFileSync(path, file.text);
  return runCommand(TOOLS.promtool.path, ["check", file.kind, path], {
    timeoutMs: 60_000,
  });
}
