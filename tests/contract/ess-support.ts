/**
 * Helpers of the ESS contract tests: the ESS HelmRelease's values merged
 * the way helm-controller and Helm merge them.
 */
import config from "../../stack.config.js";
import {
  resolveStack,
  type EssChartVersion,
  type JsonObject,
  type Manifest,
  type ResolvedStack,
} from "@axion-stack/stack-config";
import { parse } from "yaml";
import { GENERATORS } from "../../packages/stack-config/src/generators/index.js";
import type { BuildArtifacts } from "../../packages/stack-config/src/generators/types.js";

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves `stack.config.ts` with the given ESS chart version. */
export function defaultStack(chartVersion: EssChartVersion): ResolvedStack {
  return resolveStack({ ...config, ess: { ...config.ess, chartVersion } });
}

/** Keys of the ESS generators in `GENERATORS`. */
export const ESS_GENERATORS = [
  "ess",
  "synapse",
  "matrixAuthenticationService",
  "elementWeb",
  "elementAdmin",
  "matrixRTC",
  "wellKnown",
] as const;

/**
 * Runs the ESS generators as registered in `GENERATORS`, with the apps'
 * build output when given. Throws when one is not registered, because
 * `generate` would then leave its values out.
 */
export function generateEssManifests(
  stack: ResolvedStack,
  artifacts?: BuildArtifacts,
): Manifest[] {
  return ESS_GENERATORS.flatMap((key) => {
    const generate = GENERATORS[key];
    if (generate === undefined) {
      throw new Error(`generator "${key}" is not registered in GENERATORS`);
    }
    return generate(stack, artifacts);
  });
}

/**
 * Merges `override` into `base` as helm-controller merges `valuesFrom`
 * entries: maps are merged key by key, and any other value replaces.
 */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) {
    return structuredClone(override);
  }
  const merged: Plain = { ...structuredClone(base) };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = mergeValues(merged[key], value);
  }
  return merged;
}

/**
 * Overlays user values on a chart's defaults as Helm does before it
 * validates against `values.schema.json`: maps merge, other values replace,
 * and a null user value deletes the default key.
 */
export function coalesceValues(defaults: unknown, values: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(values)) {
    return structuredClone(values);
  }
  const merged: Plain = structuredClone(defaults);
  for (const [key, value] of Object.entries(values)) {
    if (value === null) {
      delete merged[key];
    } else {
      merged[key] = coalesceValues(merged[key], value);
    }
  }
  return merged;
}

function documents(manifests: Manifest[]): JsonObject[] {
  return manifests.flatMap((entry) =>
    "document" in entry ? [entry.document] : [],
  );
}

/**
 * Returns the values of the ESS HelmRelease: its `valuesFrom` ConfigMaps,
 * looked up among the manifests and merged in order. Throws when one is
 * not generated.
 */
export function essReleaseValues(
  stack: ResolvedStack,
  artifacts?: BuildArtifacts,
): Plain {
  const objects = documents(generateEssManifests(stack, artifacts));
  const release = objects.find(
    (object) =>
      object.kind === "HelmRelease" &&
      (object.metadata as JsonObject).name === stack.ess.releaseName,
  );
  if (release === undefined) {
    throw new Error(`no HelmRelease named ${stack.ess.releaseName}`);
  }

  let values: unknown = {};
  for (const ref of (release.spec as JsonObject).valuesFrom as JsonObject[]) {
    const configMap = objects.find(
      (object) =>
        object.kind === "ConfigMap" &&
        (object.metadata as JsonObject).name === ref.name &&
        (object.metadata as JsonObject).namespace === stack.ess.namespace,
    );
    if (configMap === undefined) {
      throw new Error(
        `valuesFrom names ConfigMap ${String(ref.name)}, which is not generated`,
      );
    }
    const data = configMap.data as JsonObject;
    values = mergeValues(
      values,
      parse(data[ref.valuesKey as string] as string),
    );
  }
  return values as Plain;
}

/** Returns the parsed `config` of each `<component>.additional` entry. */
export function additionalFragments(
  values: Plain,
  component: "synapse" | "matrixAuthenticationService",
): Record<string, unknown> {
  const section = values[component] as Plain | undefined;
  const additional = (section?.additional ?? {}) as Record<string, Plain>;
  return Object.fromEntries(
    Object.entries(additional).map(([name, entry]) => [
      name,
      parse(entry.config as string),
    ]),
  );
}
