import { describe, expect, it } from "vitest";
import { valuesConfigMap } from "../flux/resources.js";
import type { JsonObject } from "../generators/types.js";
import { treeObjects } from "./objects.js";
import { mergedValues, mergeValues } from "./values.js";

describe("mergeValues", () => {
  it("merges maps and replaces lists", () => {
    const base = { a: { b: 1, c: [1, 2] }, d: "x" };
    const override = { a: { c: [3], e: true }, d: { f: 1 } };

    expect(mergeValues(base, override)).toEqual({
      a: { b: 1, c: [3], e: true },
      d: { f: 1 },
    });
  });
});

describe("mergedValues", () => {
  it("merges ConfigMaps in order, then inline values", () => {
    const release: JsonObject = {
      apiVersion: "helm.toolkit.fluxcd.io/v2",
      kind: "HelmRelease",
      metadata: { name: "r", namespace: "ns" },
      spec: {
        valuesFrom: [
          { kind: "ConfigMap", name: "first" },
          { kind: "Secret", name: "hidden" },
          { kind: "ConfigMap", name: "second" },
          { kind: "ConfigMap", name: "second", targetPath: "nested.text" },
        ],
        values: { a: "inline" },
      },
    };
    const first = valuesConfigMap({
      name: "first",
      namespace: "ns",
      values: { a: "first", b: { c: 1 } },
    });
    const second = valuesConfigMap({
      name: "second",
      namespace: "ns",
      values: { b: { d: 2 } },
    });
    const objects = treeObjects([
      { path: "r.yaml", document: release },
      { path: "first.yaml", document: first },
      { path: "second.yaml", document: second },
    ]);

    expect(mergedValues(objects[0]!, objects)).toEqual({
      a: "inline",
      b: { c: 1, d: 2 },
      nested: { text: "b:\n  d: 2\n" },
    });
  });
});
