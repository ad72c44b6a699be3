/** Access to the Kubernetes objects among the manifests, for the checks. */
import type { JsonObject, JsonValue, Manifest } from "../generators/types.js";

/** One Kubernetes or Flux object of the tree and the file it is in. */
export interface TreeObject {
  path: string;
  document: JsonObject;
  apiVersion: string;
  kind: string;
  name: string;
  /** `metadata.namespace`, or "" for cluster-scoped objects. */
  namespace: string;
  /** `Kind namespace/name`, or `Kind name` without a namespace. */
  id: string;
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value
    : undefined;
}

/** Returns a nested value, or undefined when a step is missing. */
export function getPath(value: JsonValue | undefined, keys: string[]) {
  let current = value;
  for (const key of keys) {
    current = asObject(current)?.[key];
  }
  return current;
}

/** Returns a nested string, or "" when it is missing or not a string. */
export function getString(value: JsonValue | undefined, keys: string[]) {
  const found = getPath(value, keys);
  return typeof found === "string" ? found : "";
}

/** Returns a nested object, or undefined. */
export function getObject(value: JsonValue | undefined, keys: string[]) {
  return asObject(getPath(value, keys));
}

/** Lists the YAML documents among the manifests as tree objects. */
export function treeObjects(manifests: Manifest[]): TreeObject[] {
  const objects: TreeObject[] = [];
  for (const manifest of manifests) {
    if (!("document" in manifest)) {
      continue;
    }
    const { document } = manifest;
    const kind = getString(document, ["kind"]);
    const name = getString(document, ["metadata", "name"]);
    const namespace = getString(document, ["metadata", "namespace"]);
    objects.push({
      path: manifest.path,
      document,
      apiVersion: getString(document, ["apiVersion"]),
      kind,
      name,
      namespace,
      id: namespace === "" ? `${kind} ${name}` : `${kind} ${namespace}/${name}`,
    });
  }
  return objects;
}
