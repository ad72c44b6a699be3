/**
 * The Synapse and MAS config fragments inside the ESS values. The chart's
 * schema nests the fields of `*.additional.<name>` one level too deep, so
 * it checks neither their type nor their content. These tests check both,
 * against our strict fragment schemas and MAS's own config schema.
 */
import { readUpstream } from "@axion-stack/test-upstream";
import type { EssChartVersion } from "@axion-stack/stack-config";
import {
  formatSchemaErrors,
  fragmentValidator,
} from "@axion-stack/values-schemas";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  additionalFragments,
  defaultStack,
  essReleaseValues,
  mergeValues,
} from "./ess-support.js";

const VERSIONS = ["26.4.0", "26.8.1"] as const;

/**
 * MAS config schema of the MAS version each chart version ships.
 * NOTE: ESS 26.8.1 ships MAS 1.23.0, whose schema is not available here;
 * 1.22.0 is the nearest, so a key added in 1.23.0 would be missed.
 */
const MAS_SCHEMAS: Record<EssChartVersion, string> = {
  "26.4.0": "matrix-authentication-service/v1.15.0/config.schema.json",
  "26.8.1": "matrix-authentication-service/v1.22.0/config.schema.json",
};

/** Keys the chart writes into homeserver.yaml after our fragments. */
const SYNAPSE_CHART_KEYS = [
  "server_name",
  "public_baseurl",
  "database",
  "signing_key_path",
  "macaroon_secret_key_path",
  "registration_shared_secret_path",
  "max_upload_size",
  "media_store_path",
  "matrix_authentication_service",
  "password_config",
  "matrix_rtc",
  "experimental_features",
  "redis",
  "app_service_config_files",
  "listeners",
];

/** Stand-ins for the MAS keys the chart writes; MAS's schema needs them. */
const MAS_CHART_OWNED = {
  http: { public_base: "https://account.axion1337.chat/" },
  database: { uri: "postgresql://mas@ess-postgres/mas" },
  secrets: { encryption_file: "/secrets/encryption", keys: [] },
  matrix: {
    homeserver: "axion1337.chat",
    secret_file: "/secrets/synapse-shared-secret",
    endpoint: "http://ess-synapse-main.matrix.svc.cluster.local:8008",
  },
};

/** Largest value of each unsigned integer format that MAS's schema uses. */
const UNSIGNED_FORMATS: Record<string, number> = {
  uint8: 2 ** 8 - 1,
  uint16: 2 ** 16 - 1,
  uint32: 2 ** 32 - 1,
  uint64: Number.MAX_SAFE_INTEGER,
};

type SchemaNode = Record<string, unknown>;

/**
 * Returns a copy of MAS's schema in which every object that lists its
 * properties and combines no subschemas rejects unknown keys. MAS's own
 * schema allows any key, so it cannot catch a misspelled one.
 */
function strictSchema(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(strictSchema);
  }
  if (typeof node !== "object" || node === null) {
    return node;
  }
  const copy: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === "properties" || key === "definitions"
        ? Object.fromEntries(
            Object.entries(value as SchemaNode).map(([name, child]) => [
              name,
              strictSchema(child),
            ]),
          )
        : strictSchema(value);
  }
  const combines = ["allOf", "anyOf", "oneOf"].some((key) => key in copy);
  if ("properties" in copy && !combines && !("additionalProperties" in copy)) {
    copy.additionalProperties = false;
  }
  return copy;
}

function masValidator(version: EssChartVersion, strict: boolean) {
  const schema = readUpstream<object>(MAS_SCHEMAS[version]);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const [name, max] of Object.entries(UNSIGNED_FORMATS)) {
    ajv.addFormat(name, {
      type: "number",
      validate: (value: number) =>
        Number.isInteger(value) && value >= 0 && value <= max,
    });
  }
  return ajv.compile(strict ? (strictSchema(schema) as object) : schema);
}

/** Merges fragments in name order, as matrix-tools `render-config` does. */
function renderedMasConfig(fragments: Record<string, unknown>): unknown {
  let config: unknown = {};
  for (const name of Object.keys(fragments).sort()) {
    config = mergeValues(config, fragments[name]);
  }
  return mergeValues(config, MAS_CHART_OWNED);
}

function errorsOf(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : formatSchemaErrors(validate.errors);
}

describe.each(VERSIONS)("ESS %s Synapse fragments", (version) => {
  const fragments = additionalFragments(
    essReleaseValues(defaultStack(version)),
    "synapse",
  );

  it("include the policy, privacy and TURN fragments", () => {
    expect(Object.keys(fragments).sort()).toEqual([
      "axion-auto-join-rooms",
      "axion-privacy",
      "axion-retention",
      "axion-room-directory",
      "axion-turn",
    ]);
  });

  it.each(Object.keys(fragments))("%s passes our schema", (name) => {
    const validate = fragmentValidator("synapse");

    expect(errorsOf(validate, fragments[name])).toEqual([]);
  });

  it("set no key the chart owns", () => {
    const keys = Object.values(fragments).flatMap((fragment) =>
      Object.keys(fragment as object),
    );

    expect(keys.filter((key) => SYNAPSE_CHART_KEYS.includes(key))).toEqual([]);
  });

  it("set each key in one fragment only", () => {
    const keys = Object.values(fragments).flatMap((fragment) =>
      Object.keys(fragment as object),
    );

    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe.each(VERSIONS)("ESS %s MAS config", (version) => {
  const values = essReleaseValues(defaultStack(version));
  const fragments = additionalFragments(values, "matrixAuthenticationService");
  const config = renderedMasConfig(fragments);

  it("passes MAS's config schema", () => {
    expect(errorsOf(masValidator(version, false), config)).toEqual([]);
  });

  it("passes MAS's schema without unknown keys", () => {
    expect(errorsOf(masValidator(version, true), config)).toEqual([]);
  });

  it.each(Object.keys(fragments))("%s passes our schema", (name) => {
    const validate = fragmentValidator("matrixAuthenticationService");

    expect(errorsOf(validate, fragments[name])).toEqual([]);
  });

  it("with a typo passes only MAS's own schema", () => {
    const fragment = { account: { pasword_change_allowed: true } };
    const typo = mergeValues(config, fragment);

    expect(masValidator(version, false)(typo)).toBe(true);
    expect(masValidator(version, true)(typo)).toBe(false);
    expect(fragmentValidator("matrixAuthenticationService")(fragment)).toBe(
      false,
    );
  });
});

describe("chart schema on additional", () => {
  it("leaves the fragment's type unchecked", () => {
    const schema = readUpstream<object>("ess-helm/26.8.1/values.schema.json");
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const values = {
      serverName: "example.org",
      synapse: { additional: { broken: { config: 42 } } },
    };

    expect(ajv.compile(schema)(values)).toBe(true);
  }, 60_000);
});
