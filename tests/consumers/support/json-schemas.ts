/**
 * JSON Schemas for kubeconform, made on disk from sources this machine has:
 * the Kubernetes API schemas that the kubernetes-validate package ships,
 * and CRD schemas converted in `crd-schemas.ts`.
 *
 * kubeconform reads schemas through a path template. Every schema written
 * here sits at `<dir>/<group>/<kind>_<version>.json`, the layout that
 * `SCHEMA_LOCATION_TEMPLATE` describes. kubeconform sets the group of a core
 * kind such as `v1` ConfigMap to its version, so those sit under `v1/`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A JSON Schema or OpenAPI schema node. */
export type SchemaNode = { [key: string]: unknown };

/** The kubeconform `-schema-location` template, relative to the folder. */
export const SCHEMA_LOCATION_TEMPLATE =
  "{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json";

export const DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
export const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** apiVersion and kind of one Kubernetes object type. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** Splits `apps/v1` into group `apps` and version `v1`; `v1` is core. */
export function parseApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.lastIndexOf("/");
  if (slash === -1) {
    return { group: "", version: apiVersion };
  }
  return {
    group: apiVersion.slice(0, slash),
    version: apiVersion.slice(slash + 1),
  };
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/** Path of a schema file under `dir`, as kubeconform's template builds it. */
export function schemaFilePath(dir: string, gvk: GroupVersionKind): string {
  const file = `${gvk.kind.toLowerCase()}_${gvk.version}.json`;
  return join(dir, gvk.group === "" ? gvk.version : gvk.group, file);
}

/**
 * Kubernetes API schemas of one version, in the layout that
 * kubernetes-validate ships: one file per type, every `$ref` pointing into
 * a shared `_definitions.json` by the absolute URL path
 * `/api/_definitions.json#/$defs/<name>`.
 */
export class KubernetesSchemas {
  readonly definitions: Record<string, SchemaNode>;
  private readonly files = new Map<string, string>();

  constructor(readonly dir: string) {
    const shared = readJson(join(dir, "_definitions.json"));
    this.definitions = shared.$defs as Record<string, SchemaNode>;

    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".json") || name.startsWith("_")) {
        continue;
      }
      const schema = readJson(join(dir, name));
      const kinds = schema["x-kubernetes-group-version-kind"];
      for (const gvk of (kinds ?? []) as GroupVersionKind[]) {
        this.files.set(gvkKey(gvk), join(dir, name));
      }
    }
  }

  /** Returns a schema with no outside `$ref`, or undefined for unknown types. */
  standalone(gvk: GroupVersionKind): SchemaNode | undefined {
    const file = this.files.get(gvkKey(gvk));
    if (file === undefined) {
      return undefined;
    }
    const schema = rewriteRefs(readJson(file)) as SchemaNode;
    delete schema.$id;
    schema.$schema = DRAFT_2020_12;
    schema.$defs = this.closure(schema);
    return schema;
  }

  /** Collects the definitions that `schema` reaches through `$ref`. */
  closure(schema: unknown): Record<string, SchemaNode> {
    const found: Record<string, SchemaNode> = {};
    const pending = [...collectRefs(schema)];
    while (pending.length > 0) {
      const name = pending.pop() as string;
      if (name in found) {
        continue;
      }
      const definition = this.definitions[name];
      if (definition === undefined) {
        throw new Error(`Kubernetes schema definition not found: ${name}`);
      }
      found[name] = rewriteRefs(definition) as SchemaNode;
      pending.push(...collectRefs(found[name]));
    }
    return found;
  }
}

function readJson(path: string): SchemaNode {
  return JSON.parse(readFileSync(path, "utf8")) as SchemaNode;
}

const SHARED_REF = "/api/_definitions.json#/$defs/";

/** Copies `node`, pointing shared-file `$ref`s at the local `$defs`. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(rewriteRefs);
  }
  if (node === null || typeof node !== "object") {
    return node;
  }
  const copy: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    const isSharedRef =
      key === "$ref" &&
      typeof value === "string" &&
      value.startsWith(SHARED_REF);
    copy[key] = isSharedRef
      ? `#/$defs/${value.slice(SHARED_REF.length)}`
      : rewriteRefs(value);
  }
  return copy;
}

function collectRefs(node: unknown, refs = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    node.forEach((item) => collectRefs(item, refs));
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        refs.add(value.replace(/^#\/\$defs\//, ""));
      } else {
        collectRefs(value, refs);
      }
    }
  }
  return refs;
}

/**
 * Writes the schemas of `types` into `dir`: Flux or other CRD schemas where
 * `crdSchemas` has them, Kubernetes API schemas otherwise. Returns the types
 * that neither source has, so the caller can name them.
 */
export function writeSchemas(
  dir: string,
  types: GroupVersionKind[],
  kubernetes: KubernetesSchemas,
  crdSchemas: { gvk: GroupVersionKind; schema: SchemaNode }[],
): GroupVersionKind[] {
  const byKey = new Map(crdSchemas.map((entry) => [gvkKey(entry.gvk), entry]));
  const missing: GroupVersionKind[] = [];

  for (const gvk of types) {
    const schema = byKey.get(gvkKey(gvk))?.schema ?? kubernetes.standalone(gvk);
    if (schema === undefined) {
      missing.push(gvk);
      continue;
    }
    const path = schemaFilePath(dir, gvk);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, JSON.stringify(schema));
  }
  return missing;
}
