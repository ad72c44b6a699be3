/**
 * Checks of what an object needs before it can apply: its namespace and
 * the Flux objects named in its `dependsOn`.
 */
import { getPath, getString, type TreeObject } from "./objects.js";

/** Namespaces every cluster has before Flux applies the tree. */
const BUILT_IN_NAMESPACES = ["default", "kube-system", "kube-public"];

/** Returns the namespaces that exist when the tree applies. */
export function knownNamespaces(
  objects: TreeObject[],
  fluxNamespace: string,
): Set<string> {
  const generated = objects
    .filter(
      (object) => object.apiVersion === "v1" && object.kind === "Namespace",
    )
    .map((object) => object.name);
  return new Set([...BUILT_IN_NAMESPACES, fluxNamespace, ...generated]);
}

/** Returns the problem with an object's namespace, if it is not known. */
export function checkNamespace(
  object: TreeObject,
  namespaces: Set<string>,
): string[] {
  if (object.namespace === "" || namespaces.has(object.namespace)) {
    return [];
  }
  return [
    `namespace "${object.namespace}" is not generated: return a ` +
      "namespaceManifest for it from the component's generator",
  ];
}

/**
 * Returns the problems with the `dependsOn` entries of a HelmRelease or a
 * Flux Kustomization: each must name an object of the same kind in the
 * tree. The namespace defaults to the object's own.
 */
export function checkDependsOn(
  object: TreeObject,
  objects: TreeObject[],
): string[] {
  const entries = getPath(object.document, ["spec", "dependsOn"]);
  const problems: string[] = [];
  for (const entry of Array.isArray(entries) ? entries : []) {
    const name = getString(entry, ["name"]);
    const namespace = getString(entry, ["namespace"]) || object.namespace;
    const found = objects.some(
      (other) =>
        other.apiVersion === object.apiVersion &&
        other.kind === object.kind &&
        other.name === name &&
        other.namespace === namespace,
    );
    if (!found) {
      problems.push(
        `dependsOn names ${object.kind} ${namespace}/${name}, which is not generated`,
      );
    }
  }
  return problems;
}
