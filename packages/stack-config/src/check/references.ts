/**
 * Cross-reference checks: every name that one file gives for another
 * object or folder must exist in the tree or in the stack's Secret list.
 */
import { posix } from "node:path";
import type { ResolvedStack } from "../config/resolve.js";
import { VALUES_KEY } from "../flux/resources.js";
import { SECRETS_DIR } from "../secrets/layout.js";
import type { JsonObject, JsonValue, Manifest } from "../generators/types.js";
import { getObject, getPath, getString, type TreeObject } from "./objects.js";

/** A Secret that an object reads, and through which field. */
export interface SecretUse {
  namespace: string;
  name: string;
  /** Key read, or undefined when the whole Secret is read. */
  key: string | undefined;
  via: string;
}

/** Returns every folder that contains a manifest, at any depth. */
export function folders(manifests: Manifest[]): Set<string> {
  const result = new Set<string>();
  for (const { path } of manifests) {
    let folder = posix.dirname(path);
    while (folder !== ".") {
      result.add(folder);
      folder = posix.dirname(folder);
    }
  }
  return result;
}

/**
 * Folders of the tree that another command writes, so `generate` never
 * has them: `axion-stack secrets` writes the SOPS-encrypted Secrets.
 */
export const FOLDERS_OUTSIDE_GENERATE: ReadonlySet<string> = new Set([
  SECRETS_DIR,
]);

/** Returns the problems with a Flux Kustomization's `spec.path`. */
export function checkFluxPath(
  stack: ResolvedStack,
  object: TreeObject,
  existing: Set<string>,
): string[] {
  const path = getString(object.document, ["spec", "path"]);
  const root = posix.normalize(stack.flux.path);
  const relative = posix.relative(root, posix.normalize(path));
  if (FOLDERS_OUTSIDE_GENERATE.has(relative)) {
    return [];
  }
  if (relative.startsWith("..") || relative === "" || !existing.has(relative)) {
    return [
      `spec.path "${path}" names no folder of the generated tree ` +
        `(flux.path is "${stack.flux.path}")`,
    ];
  }
  return [];
}

/** Returns the problems with a kustomization.yaml's `resources`. */
export function checkKustomizeResources(
  object: TreeObject,
  files: Set<string>,
  existing: Set<string>,
): string[] {
  const folder = posix.dirname(object.path);
  const resources = getPath(object.document, ["resources"]);
  const missing = (Array.isArray(resources) ? resources : []).filter(
    (entry) => {
      const target = posix.join(folder, String(entry));
      return !files.has(target) && !existing.has(target);
    },
  );
  return missing.map(
    (entry) => `resources entry "${String(entry)}" does not exist`,
  );
}

function sourceExists(
  objects: TreeObject[],
  kind: string,
  name: string,
  namespace: string,
): boolean {
  return objects.some(
    (o) => o.kind === kind && o.name === name && o.namespace === namespace,
  );
}

/** Returns the problems with a HelmRelease's chart source and ConfigMaps. */
export function checkHelmRelease(
  release: TreeObject,
  objects: TreeObject[],
): string[] {
  const problems: string[] = [];
  const spec = getObject(release.document, ["spec"]);
  const ref =
    getObject(spec, ["chartRef"]) ??
    getObject(spec, ["chart", "spec", "sourceRef"]);
  const kind = getString(ref, ["kind"]);
  const name = getString(ref, ["name"]);
  const namespace = getString(ref, ["namespace"]) || release.namespace;
  if (!sourceExists(objects, kind, name, namespace)) {
    problems.push(`chart source ${kind} ${namespace}/${name} is not generated`);
  }

  const valuesFrom = getPath(spec, ["valuesFrom"]);
  for (const entry of Array.isArray(valuesFrom) ? valuesFrom : []) {
    const cmName = getString(entry, ["name"]);
    const key = getString(entry, ["valuesKey"]) || VALUES_KEY;
    if (getString(entry, ["kind"]) !== "ConfigMap") {
      continue;
    }
    const configMap = objects.find(
      (o) =>
        o.kind === "ConfigMap" &&
        o.name === cmName &&
        o.namespace === release.namespace,
    );
    if (getPath(configMap?.document, ["data", key]) === undefined) {
      problems.push(
        `valuesFrom ConfigMap ${release.namespace}/${cmName} key "${key}" is not generated`,
      );
    }
  }
  return problems;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Returns the Secret references that one object literal makes itself. */
function directSecretUses(value: JsonObject, namespace: string): SecretUse[] {
  const uses: SecretUse[] = [];
  const add = (
    name: JsonValue | undefined,
    key: JsonValue | undefined,
    via: string,
  ) => {
    if (typeof name === "string") {
      const keyName = typeof key === "string" ? key : undefined;
      uses.push({ namespace, name, key: keyName, via });
    }
  };

  const keyRef = getObject(value, ["secretKeyRef"]);
  add(keyRef?.name, keyRef?.key, "secretKeyRef");
  if ("secretKey" in value) {
    add(value.secret, value.secretKey, "{secret, secretKey}");
  }
  if ("configSecretKey" in value) {
    add(
      value.configSecret,
      value.configSecretKey,
      "{configSecret, configSecretKey}",
    );
  }
  const volumeSecret = getObject(value, ["secret"]);
  add(volumeSecret?.secretName, undefined, "volume secret");
  const envFrom = getPath(value, ["envFrom"]);
  for (const entry of Array.isArray(envFrom) ? envFrom : []) {
    add(
      getString(entry, ["secretRef", "name"]) || undefined,
      undefined,
      "envFrom secretRef",
    );
  }
  return uses;
}

/**
 * Collects every Secret reference inside a value, recursively: container
 * `secretKeyRef`, `envFrom` and Secret volumes, and the ESS chart's
 * `{secret, secretKey}` and `{configSecret, configSecretKey}` pairs.
 */
export function collectSecretUses(
  value: JsonValue | undefined,
  namespace: string,
): SecretUse[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => collectSecretUses(item, namespace));
  }
  if (!isObject(value)) {
    return [];
  }
  const nested = Object.values(value).flatMap((inner) =>
    collectSecretUses(inner, namespace),
  );
  return [...directSecretUses(value, namespace), ...nested];
}

/** Returns the Secrets a HelmRelease reads through `valuesFrom`. */
export function valuesFromSecretUses(release: TreeObject): SecretUse[] {
  const valuesFrom = getPath(release.document, ["spec", "valuesFrom"]);
  return (Array.isArray(valuesFrom) ? valuesFrom : [])
    .filter((entry) => getString(entry, ["kind"]) === "Secret")
    .map((entry) => ({
      namespace: release.namespace,
      name: getString(entry, ["name"]),
      key: getString(entry, ["valuesKey"]) || VALUES_KEY,
      via: "valuesFrom",
    }));
}

/** Keys of each Secret the tree itself creates, by `namespace/name`. */
export type ProducedSecrets = Map<string, Set<string>>;

/** Keys of the TLS Secret that cert-manager writes for a Certificate. */
const CERTIFICATE_KEYS = ["tls.crt", "tls.key", "ca.crt"];

/**
 * Lists the Secrets that objects in the tree create: Secret objects with
 * their `data` and `stringData` keys, and the `spec.secretName` of each
 * cert-manager Certificate.
 */
export function producedSecrets(objects: TreeObject[]): ProducedSecrets {
  const produced: ProducedSecrets = new Map();
  for (const object of objects) {
    if (object.apiVersion === "v1" && object.kind === "Secret") {
      const keys = [
        ...Object.keys(getObject(object.document, ["data"]) ?? {}),
        ...Object.keys(getObject(object.document, ["stringData"]) ?? {}),
      ];
      produced.set(`${object.namespace}/${object.name}`, new Set(keys));
    }
    const secretName = getString(object.document, ["spec", "secretName"]);
    if (object.kind === "Certificate" && secretName !== "") {
      produced.set(
        `${object.namespace}/${secretName}`,
        new Set(CERTIFICATE_KEYS),
      );
    }
  }
  return produced;
}

/**
 * Returns the problem with one Secret use, or undefined when the tree
 * creates that Secret or stack.secrets declares it.
 */
export function checkSecretUse(
  stack: ResolvedStack,
  use: SecretUse,
  produced: ProducedSecrets = new Map(),
): string | undefined {
  const keys = produced.get(`${use.namespace}/${use.name}`);
  if (keys !== undefined) {
    return use.key === undefined || keys.has(use.key)
      ? undefined
      : `Secret ${use.namespace}/${use.name} that the tree creates has no ` +
          `key "${use.key}" (read through ${use.via}); its keys: ` +
          [...keys].join(", ");
  }
  const spec = Object.values(stack.secrets).find(
    (candidate) =>
      candidate.name === use.name &&
      candidate.namespaces.includes(use.namespace),
  );
  const where = `Secret ${use.namespace}/${use.name}`;
  if (spec === undefined) {
    return (
      `${where} (read through ${use.via}) is not declared in stack.secrets: ` +
      "declare it in resolveSecrets in config/secrets.ts"
    );
  }
  if (use.key !== undefined && !(use.key in spec.keys)) {
    return (
      `${where} key "${use.key}" (read through ${use.via}) is not declared; ` +
      `declared keys: ${Object.keys(spec.keys).join(", ")}`
    );
  }
  return undefined;
}
