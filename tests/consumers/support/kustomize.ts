/**
 * Builds a Flux Kustomization's path with the real kustomize, the way
 * kustomize-controller does, and validates the result with kubeconform.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import {
  type GroupVersionKind,
  parseApiVersion,
  SCHEMA_LOCATION_TEMPLATE,
} from "./json-schemas.js";
import { runCommand } from "./processes.js";
import { TOOLS } from "./tools.js";
import type { FluxKustomization, GeneratedTree } from "./tree.js";

const KUSTOMIZATION_FILES = [
  "kustomization.yaml",
  "kustomization.yml",
  "Kustomization",
];

function hasKustomizationFile(dir: string): boolean {
  return KUSTOMIZATION_FILES.some((name) => existsSync(join(dir, name)));
}

/**
 * Lists what kustomize-controller puts in the kustomization.yaml it makes
 * for a folder without one: folders that have their own kustomization
 * file, and every YAML file with Kubernetes objects in the others.
 * NOTE: this approximates the controller's generator. It matters only for
 * a Kustomization path without a kustomization.yaml.
 */
export function autodetectResources(dir: string, root = dir): string[] {
  const resources: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      resources.push(
        ...(hasKustomizationFile(path)
          ? [relative(root, path)]
          : autodetectResources(path, root)),
      );
    } else if (/\.(ya?ml|json)$/.test(entry.name)) {
      const text = readFileSync(path, "utf8");
      if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) {
        resources.push(relative(root, path));
      }
    }
  }
  return resources.sort();
}

/** The objects that one Flux Kustomization would apply. */
export interface KustomizeBuild {
  kustomization: FluxKustomization;
  objects: { [key: string]: unknown }[];
  yaml: string;
}

/**
 * Runs `kustomize build` on the Kustomization's `spec.path`. Throws with
 * kustomize's own message when the path is missing or the build fails.
 */
export async function buildKustomization(
  tree: GeneratedTree,
  kustomization: FluxKustomization,
): Promise<KustomizeBuild> {
  const dir = resolve(tree.repoRoot, kustomization.path);
  const where = `Flux Kustomization '${kustomization.name}' (${kustomization.file})`;
  if (!existsSync(dir)) {
    throw new Error(
      `${where}: spec.path '${kustomization.path}' does not exist in the ` +
        "generated tree; kustomize-controller fails with 'kustomization " +
        "path not found'",
    );
  }
  if (!hasKustomizationFile(dir)) {
    const resources = autodetectResources(dir);
    writeFileSync(join(dir, "kustomization.yaml"), stringify({ resources }));
  }

  // kustomize-controller allows files anywhere inside the repository.
  const args = ["build", "--load-restrictor", "LoadRestrictionsNone", dir];
  const result = await runCommand(TOOLS.kustomize.path, args, {
    timeoutMs: 60_000,
  });
  if (result.code !== 0) {
    throw new Error(
      `${where}: kustomize build ${kustomization.path} failed ` +
        `(exit ${result.code}):\n${result.stderr}`,
    );
  }
  const objects = parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as { [key: string]: unknown } | null)
    .filter((object) => object !== null);
  return { kustomization, objects, yaml: result.stdout };
}

/** apiVersion and kind of each distinct object type in `objects`. */
export function objectTypes(
  objects: { [key: string]: unknown }[],
): GroupVersionKind[] {
  const types = new Map<string, GroupVersionKind>();
  for (const object of objects) {
    const apiVersion = String(object.apiVersion);
    const kind = String(object.kind);
    types.set(`${apiVersion}/${kind}`, {
      ...parseApiVersion(apiVersion),
      kind,
    });
  }
  return [...types.values()];
}

/** One object that kubeconform did not accept. */
export interface KubeconformProblem {
  kind: string;
  name: string;
  status: string;
  message: string;
}

/**
 * Validates the YAML in `file` with `kubeconform -strict` against the
 * schemas in `schemaDir`. Returns every object that is not valid.
 */
export async function kubeconform(
  file: string,
  schemaDir: string,
): Promise<KubeconformProblem[]> {
  const args = [
    "-strict",
    "-output",
    "json",
    "-schema-location",
    `${schemaDir}/${SCHEMA_LOCATION_TEMPLATE}`,
    file,
  ];
  const result = await runCommand(TOOLS.kubeconform.path, args, {
    timeoutMs: 60_000,
  });
  if (result.timedOut || result.stdout.trim() === "") {
    throw new Error(`kubeconform printed no result:\n${result.stderr}`);
  }

  const report = JSON.parse(result.stdout) as {
    resources: { kind: string; name: string; status: string; msg: string }[];
  };
  return report.resources
    .filter((resource) => resource.status !== "statusValid")
    .map((resource) => ({
      kind: resource.kind,
      name: resource.name,
      status: resource.status,
      message: resource.msg,
    }));
}

const SUBSTITUTE_DISABLED = "kustomize.toolkit.fluxcd.io/substitute";

/**
 * Lists objects whose `${VAR}` strings kustomize-controller would replace.
 * With `spec.postBuild` set, the controller substitutes variables in every
 * object that does not carry the label or annotation
 * `kustomize.toolkit.fluxcd.io/substitute: disabled`, and an undefined
 * variable becomes an empty string. That would corrupt ESS render-config
 * `${VAR}` references and Alloy config in HelmRelease values.
 */
export function substitutionHazards(build: KustomizeBuild): string[] {
  const postBuild = build.kustomization.spec.postBuild as
    { substitute?: object; substituteFrom?: unknown[] } | undefined;
  if (postBuild?.substitute === undefined && !postBuild?.substituteFrom) {
    return [];
  }

  return build.objects
    .filter((object) => {
      const metadata = object.metadata as {
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
      };
      const disabled =
        metadata.labels?.[SUBSTITUTE_DISABLED] === "disabled" ||
        metadata.annotations?.[SUBSTITUTE_DISABLED] === "disabled";
      // `$${VAR}` is the escape that the controller turns into `${VAR}`.
      return !disabled && /(^|[^$])\$\{[^}]+\}/.test(JSON.stringify(object));
    })
    .map((object) => {
      const name = (object.metadata as { name?: string }).name;
      return (
        `${String(object.kind)} ${name} in Flux Kustomization ` +
        `'${build.kustomization.name}' contains \${...}, which postBuild ` +
        "substitution would replace"
      );
    });
}
