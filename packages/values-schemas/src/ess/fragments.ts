import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { MAS_CONFIG_SCHEMA_FILE } from "../mas/index.js";
import { SYNAPSE_HOMESERVER_SCHEMA_FILE } from "../synapse/index.js";

/** Components whose `additional` fragments have a schema of their own. */
export type FragmentKind = "synapse" | "matrixAuthenticationService";

const FRAGMENT_SCHEMA_FILES: Record<FragmentKind, string> = {
  synapse: SYNAPSE_HOMESERVER_SCHEMA_FILE,
  matrixAuthenticationService: MAS_CONFIG_SCHEMA_FILE,
};

const validators = new Map<FragmentKind, ValidateFunction>();

/**
 * Returns the validator of one component's config fragments. The chart's
 * schema leaves the content of `<component>.additional` unchecked, so
 * this is the only check a fragment gets before the pod starts.
 */
export function fragmentValidator(kind: FragmentKind): ValidateFunction {
  const cached = validators.get(kind);
  if (cached) {
    return cached;
  }

  const url = new URL(
    `../../schemas/${FRAGMENT_SCHEMA_FILES[kind]}`,
    import.meta.url,
  );
  const schema = JSON.parse(readFileSync(url, "utf8"));
  // typescript-json-schema writes draft-07, which plain Ajv compiles.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  validators.set(kind, validate);
  return validate;
}
