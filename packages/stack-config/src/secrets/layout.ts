/**
 * Layout of the files `axion-stack secrets` writes: one SOPS-encrypted file
 * per Secret and namespace under `secrets/` in the Flux tree, plus that
 * folder's `kustomization.yaml`. `generate` never writes there, so the
 * files survive every run of it.
 */
import { existsSync } from "node:fs";
import { posix } from "node:path";
import { stringify } from "yaml";
import type { ResolvedStack } from "../config/resolve.js";
import type { SecretSpec } from "../config/secrets.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";

/** Folder of the encrypted Secrets, relative to the Flux tree's root. */
export const SECRETS_DIR = "secrets";

/** The kustomize file listing the encrypted Secrets. */
export const SECRETS_KUSTOMIZATION = `${SECRETS_DIR}/kustomization.yaml`;

/** One Secret file: a declared Secret in one of its namespaces. */
export interface SecretFile {
  /** Key of the Secret in `stack.secrets`. */
  id: string;
  spec: SecretSpec;
  namespace: string;
  /** Path relative to the Flux tree's root. */
  path: string;
}

/** Returns the tree path of one Secret in one namespace. */
export function secretFilePath(namespace: string, name: string): string {
  return `${SECRETS_DIR}/${namespace}/${name}.yaml`;
}

/** Orders strings by UTF-16 code units, whatever the locale. */
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** Lists every Secret file the stack needs, sorted by path. */
export function plannedSecretFiles(stack: ResolvedStack): SecretFile[] {
  const files: SecretFile[] = [];
  for (const [id, spec] of Object.entries(stack.secrets)) {
    for (const namespace of spec.namespaces) {
      files.push({
        id,
        spec,
        namespace,
        path: secretFilePath(namespace, spec.name),
      });
    }
  }
  return files.sort((a, b) => compareText(a.path, b.path));
}

/**
 * Renders the plain-text Secret that sops encrypts. Values go under
 * `stringData` so the keys stay readable in review while their values are
 * encrypted.
 */
export function secretYaml(
  file: SecretFile,
  data: Record<string, string>,
): string {
  const stringData: Record<string, string> = {};
  for (const key of Object.keys(file.spec.keys)) {
    stringData[key] = data[key] as string;
  }
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: file.spec.name,
      namespace: file.namespace,
      labels: { ...MANAGED_BY_LABELS },
    },
    type: "Opaque",
    stringData,
  };
  return stringify(secret, { lineWidth: 0 });
}

/** Renders `secrets/kustomization.yaml` for the given tree paths. */
export function secretsKustomizationText(paths: string[]): string {
  const resources = paths
    .map((path) => posix.relative(SECRETS_DIR, path))
    .sort();
  const header =
    "# Written by `axion-stack secrets`: the SOPS-encrypted Secrets below,\n" +
    "# applied by the Flux Kustomization `secrets`, which decrypts them.\n";
  const body = {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources,
  };
  return header + stringify(body, { lineWidth: 0 });
}

/**
 * Lists the declared Secret files that do not exist yet under
 * `treeRoot`, for `check` to warn about.
 */
export function missingSecretFiles(
  stack: ResolvedStack,
  treeRoot: string,
): SecretFile[] {
  return plannedSecretFiles(stack).filter(
    (file) => !existsSync(posix.join(treeRoot, file.path)),
  );
}
