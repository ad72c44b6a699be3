/**
 * The ESS `matrix-stack` release as helm-controller reads it: its HelmRelease,
 * its values merged from the `valuesFrom` ConfigMaps, and the Synapse
 * homeserver.yaml fragments inside them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readObjects, type GeneratedTree, type TreeObject } from "./tree.js";

type ValuesMap = { [key: string]: unknown };

function isMap(value: unknown): value is ValuesMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Merges Helm values: maps merge key by key, anything else is replaced. */
export function mergeHelmValues(base: ValuesMap, overlay: ValuesMap) {
  const merged: ValuesMap = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const old = merged[key];
    merged[key] =
      isMap(old) && isMap(value) ? mergeHelmValues(old, value) : value;
  }
  return merged;
}

function named(objects: TreeObject[], kind: string, name: string) {
  return objects.find(
    ({ object }) =>
      object.kind === kind &&
      (object.metadata as { name?: string }).name === name,
  )?.object;
}

/** Finds the HelmRelease whose chart comes from the matrix-stack OCI source. */
function essHelmRelease(objects: TreeObject[]): ValuesMap {
  for (const { object } of objects) {
    const chartRef = (object.spec as { chartRef?: { name: string } })?.chartRef;
    if (object.kind !== "HelmRelease" || chartRef === undefined) {
      continue;
    }
    const source = named(objects, "OCIRepository", chartRef.name);
    const url = (source?.spec as { url?: string } | undefined)?.url ?? "";
    if (url.endsWith("/matrix-stack")) {
      return object;
    }
  }
  throw new Error(
    "no HelmRelease with a chartRef to an OCIRepository of the " +
      "matrix-stack chart in the generated tree",
  );
}

interface ValuesReference {
  kind: string;
  name: string;
  valuesKey?: string;
  targetPath?: string;
}

/**
 * Returns the values that helm-controller passes to the ESS chart: each
 * `valuesFrom` ConfigMap in order, then `spec.values` on top.
 */
export function essValues(tree: GeneratedTree): ValuesMap {
  const objects = readObjects(tree.fluxRoot);
  const release = essHelmRelease(objects);
  const spec = release.spec as {
    valuesFrom?: ValuesReference[];
    values?: ValuesMap;
  };

  let values: ValuesMap = {};
  for (const reference of spec.valuesFrom ?? []) {
    if (reference.kind !== "ConfigMap" || reference.targetPath !== undefined) {
      throw new Error(
        `valuesFrom ${reference.kind} ${reference.name} is not a whole ` +
          "ConfigMap; extend essValues() to read it",
      );
    }
    const configMap = named(objects, "ConfigMap", reference.name);
    const data = configMap?.data as Record<string, string> | undefined;
    const text = data?.[reference.valuesKey ?? "values.yaml"];
    if (text === undefined) {
      throw new Error(
        `valuesFrom ConfigMap ${reference.name} is missing from the tree`,
      );
    }
    values = mergeHelmValues(values, parse(text) as ValuesMap);
  }
  return mergeHelmValues(values, spec.values ?? {});
}

/** One `synapse.additional.<name>` entry. */
export interface SynapseFragment {
  name: string;
  config: ValuesMap;
}

/**
 * Parses the inline `synapse.additional.*.config` fragments, sorted by name
 * as the chart merges them. Throws for a fragment that comes from a Secret,
 * because the tree holds only its encrypted value.
 */
export function synapseFragments(values: ValuesMap): SynapseFragment[] {
  const synapse = values.synapse as { additional?: ValuesMap } | undefined;
  const additional = synapse?.additional ?? {};

  return Object.keys(additional)
    .sort()
    .map((name) => {
      const entry = additional[name] as { config?: string };
      if (entry.config === undefined) {
        throw new Error(
          `synapse.additional.${name} has no inline config; the test ` +
            "cannot read fragments that come from a Secret",
        );
      }
      return { name, config: parse(entry.config) as ValuesMap };
    });
}

/** A Secret volume that the chart mounts into Synapse, written locally. */
export interface MountedSecretVolume {
  /** `mountPath` in the Synapse container. */
  mountPath: string;
  /** The local folder that replaces it in the test. */
  localPath: string;
}

interface SecretVolume {
  name: string;
  secret?: { secretName: string; items?: { key: string; path: string }[] };
}

/**
 * Writes each Secret volume of `synapse.extraVolumes` into `dir`, one file
 * per item, with the value `secretValue(secretName, key)` returns.
 */
export function mountSynapseSecrets(
  values: ValuesMap,
  dir: string,
  secretValue: (secretName: string, key: string) => string,
): MountedSecretVolume[] {
  const synapse = values.synapse as {
    extraVolumes?: SecretVolume[];
    extraVolumeMounts?: { name: string; mountPath: string }[];
  };
  const mounts: MountedSecretVolume[] = [];

  for (const volume of synapse.extraVolumes ?? []) {
    const mount = synapse.extraVolumeMounts?.find(
      (m) => m.name === volume.name,
    );
    if (volume.secret === undefined || mount === undefined) {
      continue;
    }
    const localPath = join(dir, "mounts", volume.name);
    mkdirSync(localPath, { recursive: true });
    for (const item of volume.secret.items ?? []) {
      const value = secretValue(volume.secret.secretName, item.key);
      writeFileSync(join(localPath, item.path), value);
    }
    mounts.push({ mountPath: mount.mountPath, localPath });
  }
  return mounts;
}

/**
 * Copies a fragment, pointing every string that starts with a mounted
 * container path at the local copy. Nothing else in the fragment changes.
 */
export function adaptMountPaths(
  node: unknown,
  mounts: MountedSecretVolume[],
): unknown {
  if (typeof node === "string") {
    const mount = mounts.find((m) => node.startsWith(`${m.mountPath}/`));
    return mount === undefined
      ? node
      : mount.localPath + node.slice(mount.mountPath.length);
  }
  if (Array.isArray(node)) {
    return node.map((item) => adaptMountPaths(item, mounts));
  }
  if (isMap(node)) {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        adaptMountPaths(value, mounts),
      ]),
    );
  }
  return node;
}
