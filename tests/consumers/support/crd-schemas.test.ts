import { describe, expect, it } from "vitest";
import { openApiToJsonSchema } from "./crd-schemas.js";
import { parseApiVersion, schemaFilePath } from "./json-schemas.js";

describe("openApiToJsonSchema", () => {
  it.each([
    {
      name: "object with properties becomes strict",
      input: { type: "object", properties: { a: { type: "string" } } },
      expected: {
        type: "object",
        properties: { a: { type: "string" } },
        additionalProperties: false,
      },
    },
    {
      name: "preserve-unknown-fields stays open",
      input: {
        type: "object",
        properties: { a: { type: "string" } },
        "x-kubernetes-preserve-unknown-fields": true,
      },
      expected: { type: "object", properties: { a: { type: "string" } } },
    },
    {
      name: "map keeps its value schema",
      input: { type: "object", additionalProperties: { type: "string" } },
      expected: { type: "object", additionalProperties: { type: "string" } },
    },
    {
      name: "nullable adds null",
      input: { type: "string", nullable: true },
      expected: { type: ["string", "null"] },
    },
    {
      name: "int-or-string allows both",
      input: { "x-kubernetes-int-or-string": true },
      expected: { anyOf: [{ type: "integer" }, { type: "string" }] },
    },
    {
      name: "CEL rules are dropped",
      input: {
        type: "string",
        "x-kubernetes-validations": [{ rule: "self != ''" }],
      },
      expected: { type: "string" },
    },
    {
      name: "nested items convert too",
      input: {
        type: "array",
        items: { type: "object", properties: { b: { type: "integer" } } },
      },
      expected: {
        type: "array",
        items: {
          type: "object",
          properties: { b: { type: "integer" } },
          additionalProperties: false,
        },
      },
    },
  ])("converts: $name", ({ input, expected }) => {
    expect(openApiToJsonSchema(input)).toEqual(expected);
  });
});

describe("schemaFilePath", () => {
  it.each([
    ["v1", "ConfigMap", "/s/v1/configmap_v1.json"],
    ["apps/v1", "Deployment", "/s/apps/deployment_v1.json"],
    [
      "helm.toolkit.fluxcd.io/v2",
      "HelmRelease",
      "/s/helm.toolkit.fluxcd.io/helmrelease_v2.json",
    ],
  ])("places %s %s as kubeconform looks it up", (apiVersion, kind, path) => {
    const gvk = { ...parseApiVersion(apiVersion), kind };

    expect(schemaFilePath("/s", gvk)).toBe(path);
  });
});
