/**
 * Validation of each HelmRelease's values against our values schema for
 * its chart and version. The values are merged as helm-controller merges
 * them: each `valuesFrom` ConfigMap in order, then `spec.values`.
 */
import { formatSchemaErrors } from "@axion-stack/values-schemas";
import type { ValidateFunction } from "ajv";
import { parse } from "yaml";
import { VALUES_KEY } from "../flux/resources.js";
import type { JsonObject, JsonValue } from "../generators/types.js";
import type { OutputIssue } from "./issues.js";
import { getObject, getPath, getString, type TreeObject } from "./objects.js";

/** Chart name and version that a HelmRelease installs. */
export interface ChartVersion {
  chart: string;
  version: string;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep-merges maps as Helm does; any other value replaces the old one. */
export function mergeValues(
  base: JsonObject,
  override: JsonObject,
): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const old = merged[key];
    merged[key] =
      isObject(old) && isObject(value) ? mergeValues(old, value) : value;
  }
  return merged;
}

/**
 * Returns `{a: {b: value}}` for the dotted path `a.b`.
 * NOTE: helm-controller parses a `targetPath` value with Helm's `--set`
 * rules, so "true" or "3" become a boolean or a number there. Here the
 * value stays a string, and list indexes in the path are not supported.
 */
function nestAt(dottedPath: string, value: string): JsonObject {
  const keys = dottedPath.split(".");
  let nested: JsonValue = value;
  for (const key of keys.reverse()) {
    nested = { [key]: nested };
  }
  return nested as JsonObject;
}

/** Returns the chart and version of a HelmRelease, or a problem. */
export function chartOf(
  release: TreeObject,
  objects: TreeObject[],
): ChartVersion | string {
  const spec = getObject(release.document, ["spec"]);
  const chart = getString(spec, ["chart", "spec", "chart"]);
  if (chart !== "") {
    return { chart, version: getString(spec, ["chart", "spec", "version"]) };
  }

  const ref = getObject(spec, ["chartRef"]);
  const namespace = getString(ref, ["namespace"]) || release.namespace;
  const source = objects.find(
    (object) =>
      object.kind === "OCIRepository" &&
      object.name === getString(ref, ["name"]) &&
      object.namespace === namespace,
  );
  if (source === undefined) {
    return "spec.chartRef names no generated OCIRepository";
  }
  const url = getString(source.document, ["spec", "url"]);
  const tag = getString(source.document, ["spec", "ref", "tag"]);
  if (tag === "") {
    return `OCIRepository ${source.name} pins no spec.ref.tag, so the chart version is unknown`;
  }
  return { chart: url.slice(url.lastIndexOf("/") + 1), version: tag };
}

/**
 * Returns the values a HelmRelease installs with, from the ConfigMaps
 * among the objects. Secrets are left out: their content is not in the
 * tree, and the reference check covers their names and keys.
 */
export function mergedValues(
  release: TreeObject,
  objects: TreeObject[],
): JsonObject {
  // The values and the Secret checks both need the merge, so it runs once.
  const cached = mergeCache.get(release);
  if (cached !== undefined) {
    return cached;
  }
  const merged = mergeReleaseValues(release, objects);
  mergeCache.set(release, merged);
  return merged;
}

const mergeCache = new WeakMap<TreeObject, JsonObject>();

function mergeReleaseValues(
  release: TreeObject,
  objects: TreeObject[],
): JsonObject {
  let values: JsonObject = {};
  const sources = getPath(release.document, ["spec", "valuesFrom"]);
  for (const source of Array.isArray(sources) ? sources : []) {
    if (getString(source, ["kind"]) !== "ConfigMap") {
      continue;
    }
    const configMap = objects.find(
      (object) =>
        object.kind === "ConfigMap" &&
        object.name === getString(source, ["name"]) &&
        object.namespace === release.namespace,
    );
    const key = getString(source, ["valuesKey"]) || VALUES_KEY;
    const text = getString(configMap?.document, ["data", key]);
    const targetPath = getString(source, ["targetPath"]);
    if (targetPath !== "") {
      values = mergeValues(values, nestAt(targetPath, text));
      continue;
    }
    const parsed = text === "" ? {} : (parse(text) as JsonValue);
    values = mergeValues(values, isObject(parsed) ? parsed : {});
  }
  const inline = getObject(release.document, ["spec", "values"]);
  return inline ? mergeValues(values, inline) : values;
}

/** Looks up the values validator of a chart version, as the registry does. */
export type ValuesValidatorLookup = (
  chart: string,
  version: string,
) => ValidateFunction | undefined;

/** Validates the merged values of one HelmRelease. */
export function checkReleaseValues(
  release: TreeObject,
  objects: TreeObject[],
  valuesValidator: ValuesValidatorLookup,
): OutputIssue[] {
  const issue = (message: string) => ({
    path: release.path,
    object: release.id,
    message,
  });
  const chart = chartOf(release, objects);
  if (typeof chart === "string") {
    return [issue(chart)];
  }

  const validate = valuesValidator(chart.chart, chart.version);
  if (validate === undefined) {
    return [
      issue(
        `no values schema for chart ${chart.chart} version ${chart.version}: ` +
          "register one in @axion-stack/values-schemas",
      ),
    ];
  }
  if (validate(mergedValues(release, objects))) {
    return [];
  }
  return formatSchemaErrors(validate.errors).map((line) =>
    issue(`values for ${chart.chart} ${chart.version} invalid at ${line}`),
  );
}
