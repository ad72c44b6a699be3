/**
 * JSON Schemas for custom resources: CRD `openAPIV3Schema` converted for
 * kubeconform, and a metadata-only schema where no CRD is available.
 */
import {
  DRAFT_2020_12,
  type GroupVersionKind,
  type KubernetesSchemas,
  OBJECT_META,
  type SchemaNode,
} from "./json-schemas.js";

/**
 * Converts an OpenAPI v3 structural schema, as CRDs carry it, to JSON
 * Schema with the API server's strict field validation: an object that
 * lists `properties` rejects other keys unless it sets
 * `x-kubernetes-preserve-unknown-fields`.
 *
 * NOTE: `x-kubernetes-validations` (CEL rules such as HelmRelease's "either
 * chart or chartRef must be set") are dropped, because JSON Schema cannot
 * express CEL; only the API server checks them.
 */
export function openApiToJsonSchema(node: SchemaNode): SchemaNode {
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-kubernetes-") || key === "nullable") {
      continue;
    }
    out[key] = convertChild(key, value);
  }

  if (node.nullable === true && typeof out.type === "string") {
    out.type = [out.type, "null"];
  }
  if (node["x-kubernetes-int-or-string"] === true) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  const preservesUnknown = node["x-kubernetes-preserve-unknown-fields"];
  if (
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    preservesUnknown !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function convertChild(key: string, value: unknown): unknown {
  const isSchemaMap = key === "properties" || key === "patternProperties";
  if (isSchemaMap && isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [
        name,
        openApiToJsonSchema(child as SchemaNode),
      ]),
    );
  }
  if (["allOf", "anyOf", "oneOf"].includes(key) && Array.isArray(value)) {
    return value.map((child) => openApiToJsonSchema(child as SchemaNode));
  }
  if (["items", "additionalProperties", "not"].includes(key)) {
    return isObject(value) ? openApiToJsonSchema(value) : value;
  }
  return value;
}

function isObject(value: unknown): value is SchemaNode {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A CustomResourceDefinition, reduced to what the conversion reads. */
export interface CustomResourceDefinition {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: {
      name: string;
      served: boolean;
      schema?: { openAPIV3Schema: SchemaNode };
    }[];
  };
}

/**
 * Converts each served version of a CRD into a JSON Schema. `metadata` is
 * checked against Kubernetes' ObjectMeta, because a CRD's own schema leaves
 * it open and the API server validates it the same way for every kind.
 */
export function crdToJsonSchemas(
  crd: CustomResourceDefinition,
  kubernetes: KubernetesSchemas,
): { gvk: GroupVersionKind; schema: SchemaNode }[] {
  if (crd.kind !== "CustomResourceDefinition") {
    throw new Error(`expected a CustomResourceDefinition, got ${crd.kind}`);
  }
  const { group, names } = crd.spec;

  return crd.spec.versions
    .filter((version) => version.served && version.schema !== undefined)
    .map((version) => {
      const gvk = { group, version: version.name, kind: names.kind };
      const converted = openApiToJsonSchema(
        version.schema?.openAPIV3Schema as SchemaNode,
      );
      const properties = converted.properties as Record<string, SchemaNode>;
      properties.apiVersion = { enum: [`${group}/${version.name}`] };
      properties.kind = { enum: [names.kind] };
      properties.metadata = { $ref: `#/$defs/${OBJECT_META}` };

      const schema: SchemaNode = { $schema: DRAFT_2020_12, ...converted };
      schema.$defs = kubernetes.closure(schema);
      return { gvk, schema };
    });
}

/**
 * Builds a schema for a custom resource whose CRD is not available here: it
 * checks `apiVersion`, `kind`, the top-level fields and `metadata`, and
 * leaves `spec` open.
 */
export function metadataOnlySchema(
  gvk: GroupVersionKind,
  kubernetes: KubernetesSchemas,
): { gvk: GroupVersionKind; schema: SchemaNode } {
  const apiVersion =
    gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
  const schema: SchemaNode = {
    $schema: DRAFT_2020_12,
    type: "object",
    required: ["apiVersion", "kind", "metadata"],
    properties: {
      apiVersion: { enum: [apiVersion] },
      kind: { enum: [gvk.kind] },
      metadata: { $ref: `#/$defs/${OBJECT_META}` },
      spec: { type: "object" },
    },
    additionalProperties: false,
  };
  schema.$defs = kubernetes.closure(schema);
  return { gvk, schema };
}
