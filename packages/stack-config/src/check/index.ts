/**
 * The output check: every object against its model, every HelmRelease's
 * values against our schema for its chart version, and every reference
 * between files, objects and Secrets.
 */
import type { ResolvedStack } from "../config/resolve.js";
import type { Manifest } from "../generators/types.js";
import type { OutputIssue } from "./issues.js";
import { checkModel } from "./models.js";
import { treeObjects, type TreeObject } from "./objects.js";
import {
  checkFluxPath,
  checkHelmRelease,
  checkKustomizeResources,
  checkSecretUse,
  collectSecretUses,
  folders,
  type ProducedSecrets,
  producedSecrets,
  valuesFromSecretUses,
} from "./references.js";
import { valuesValidator } from "@axion-stack/values-schemas";
import { checkDependsOn, checkNamespace, knownNamespaces } from "./targets.js";
import {
  checkReleaseValues,
  mergedValues,
  type ValuesValidatorLookup,
} from "./values.js";

export {
  formatOutputIssue,
  OutputCheckError,
  type OutputIssue,
} from "./issues.js";

/** Result of the output check. */
export interface CheckResult {
  issues: OutputIssue[];
  /** Number of objects checked. */
  objectCount: number;
}

function duplicatePaths(manifests: Manifest[]): OutputIssue[] {
  const seen = new Set<string>();
  const issues: OutputIssue[] = [];
  for (const { path } of manifests) {
    if (seen.has(path)) {
      issues.push({
        path,
        object: "",
        message: "two manifests have this path",
      });
    }
    seen.add(path);
  }
  return issues;
}

function duplicateObjects(objects: TreeObject[]): OutputIssue[] {
  const firstPath = new Map<string, string>();
  const issues: OutputIssue[] = [];
  for (const object of objects) {
    if (object.name === "") {
      continue;
    }
    const key = `${object.apiVersion} ${object.id}`;
    const first = firstPath.get(key);
    if (first !== undefined) {
      issues.push({
        path: object.path,
        object: object.id,
        message: `also defined in ${first}`,
      });
    }
    firstPath.set(key, first ?? object.path);
  }
  return issues;
}

/** Lookup tables of the per-object checks, computed once per tree. */
interface TreeContext {
  stack: ResolvedStack;
  objects: TreeObject[];
  files: Set<string>;
  folders: Set<string>;
  produced: ProducedSecrets;
  namespaces: Set<string>;
}

function secretIssues(object: TreeObject, tree: TreeContext): string[] {
  const uses = collectSecretUses(object.document, object.namespace);
  if (object.kind === "HelmRelease") {
    const spec = object.document.spec as { targetNamespace?: string };
    const target = spec?.targetNamespace ?? object.namespace;
    uses.push(...valuesFromSecretUses(object));
    uses.push(...collectSecretUses(mergedValues(object, tree.objects), target));
  }
  return uses.flatMap(
    (use) => checkSecretUse(tree.stack, use, tree.produced) ?? [],
  );
}

function referenceIssues(object: TreeObject, tree: TreeContext): OutputIssue[] {
  const messages: string[] = [];
  const { apiVersion, kind } = object;
  if (kind === "Kustomization" && apiVersion.startsWith("kustomize.toolkit")) {
    messages.push(...checkFluxPath(tree.stack, object, tree.folders));
  }
  if (kind === "Kustomization" && apiVersion.startsWith("kustomize.config")) {
    messages.push(...checkKustomizeResources(object, tree.files, tree.folders));
  }
  if (kind === "HelmRelease") {
    messages.push(...checkHelmRelease(object, tree.objects));
  }
  if (kind === "HelmRelease" || apiVersion.startsWith("kustomize.toolkit")) {
    messages.push(...checkDependsOn(object, tree.objects));
  }
  messages.push(...checkNamespace(object, tree.namespaces));
  messages.push(...secretIssues(object, tree));
  return messages.map((message) => ({
    path: object.path,
    object: object.id,
    message,
  }));
}

/** Options of the output check. */
export interface CheckOptions {
  /** Values schemas by chart version; the default is the registry's. */
  valuesValidator?: ValuesValidatorLookup;
}

/** Checks the whole tree and returns every problem found. */
export function checkManifests(
  stack: ResolvedStack,
  manifests: Manifest[],
  options: CheckOptions = {},
): CheckResult {
  const lookup = options.valuesValidator ?? valuesValidator;
  const objects = treeObjects(manifests);
  const tree: TreeContext = {
    stack,
    objects,
    files: new Set(manifests.map((manifest) => manifest.path)),
    folders: folders(manifests),
    produced: producedSecrets(objects),
    namespaces: knownNamespaces(objects, stack.flux.namespace),
  };
  const issues = [...duplicatePaths(manifests), ...duplicateObjects(objects)];

  for (const object of objects) {
    issues.push(...checkModel(object));
    issues.push(...referenceIssues(object, tree));
    if (object.kind === "HelmRelease") {
      issues.push(...checkReleaseValues(object, objects, lookup));
    }
  }
  return { issues, objectCount: objects.length };
}
