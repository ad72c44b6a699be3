import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";

/**
 * JSON Schemas of the values we emit, one per chart and version, generated
 * from the TypeScript types in this package into `schemas/` by
 * `pnpm --filter @axion-stack/values-schemas schemas`.
 * Keys are `<chart>@<version>`, such as `matrix-stack@26.4.0`.
 */
export const VALUES_SCHEMA_FILES: Record<string, string> = {};

/** Registers the generated schema file of one chart version. */
export function registerValuesSchema(
  chart: string,
  version: string,
  fileName: string,
): void {
  VALUES_SCHEMA_FILES[`${chart}@${version}`] = fileName;
}

const validators = new Map<string, ValidateFunction>();

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

function schemaUrl(fileName: string): URL {
  return new URL(`../schemas/${fileName}`, import.meta.url);
}

/**
 * Returns the ajv validator of one chart version's values, or undefined when
 * this package has no schema for it.
 */
export function valuesValidator(
  chart: string,
  version: string,
): ValidateFunction | undefined {
  const key = `${chart}@${version}`;
  const cached = validators.get(key);
  if (cached) {
    return cached;
  }
  const fileName = VALUES_SCHEMA_FILES[key];
  if (fileName === undefined) {
    return undefined;
  }
  const schema = JSON.parse(readFileSync(schemaUrl(fileName), "utf8"));
  // typescript-json-schema writes draft-07 schemas, which Ajv2020 rejects.
  const ajv = DRAFT_07.test(String(schema.$schema ?? ""))
    ? new Ajv({ allErrors: true, strict: false })
    : new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  validators.set(key, validate);
  return validate;
}

/** Formats ajv errors as `<path>: <message>` lines. */
export function formatSchemaErrors(errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map(
    (error) => `${error.instancePath || "/"}: ${error.message ?? "invalid"}`,
  );
}
