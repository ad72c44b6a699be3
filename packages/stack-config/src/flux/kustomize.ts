/**
 * The kustomize `kustomization.yaml` of each folder, listing the folder's
 * YAML files and subfolders, so `kustomize build` and Flux apply exactly
 * the generated files.
 */
import { posix } from "node:path";
import type { JsonObject, Manifest } from "../generators/types.js";

/** File name kustomize reads in each folder. */
export const KUSTOMIZATION_FILE = "kustomization.yaml";

const KUSTOMIZE_API = "kustomize.config.k8s.io/v1beta1";

/** Returns the folder of a tree path, "" for the tree's root. */
function folderOf(path: string): string {
  const folder = posix.dirname(path);
  return folder === "." ? "" : folder;
}

/** Lists each folder's YAML files and direct subfolders, by folder. */
function collectEntries(paths: string[]): Map<string, Set<string>> {
  const entries = new Map<string, Set<string>>();
  const add = (folder: string, entry: string) => {
    const set = entries.get(folder) ?? new Set<string>();
    set.add(entry);
    entries.set(folder, set);
  };

  for (const path of paths) {
    if (/\.ya?ml$/.test(path)) {
      add(folderOf(path), posix.basename(path));
    }
    let folder = folderOf(path);
    while (folder !== "") {
      const parent = folderOf(folder);
      add(parent, posix.basename(folder));
      folder = parent;
    }
  }
  return entries;
}

/** Builds a kustomize Kustomization that lists `resources` in order. */
export function kustomizeKustomization(resources: string[]): JsonObject {
  return { apiVersion: KUSTOMIZE_API, kind: "Kustomization", resources };
}

/**
 * Returns a `kustomization.yaml` for each folder that `includeFolder`
 * accepts and that has none among the manifests. Entries are sorted so the
 * output does not depend on generator order.
 */
export function kustomizationManifests(
  manifests: Manifest[],
  includeFolder: (folder: string) => boolean,
): Manifest[] {
  const paths = manifests.map((manifest) => manifest.path);
  const existing = new Set(paths);
  const entries = collectEntries(paths);
  const result: Manifest[] = [];

  for (const folder of [...entries.keys()].sort()) {
    const path = posix.join(folder, KUSTOMIZATION_FILE);
    if (!includeFolder(folder) || existing.has(path)) {
      continue;
    }
    const resources = [...(entries.get(folder) ?? [])]
      .filter((entry) => entry !== KUSTOMIZATION_FILE)
      .sort();
    result.push({ path, document: kustomizeKustomization(resources) });
  }
  return result;
}
