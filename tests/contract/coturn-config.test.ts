import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolveStack, turnServerConfig } from "@axion-stack/stack-config";
import { TURNSERVER_SCHEMA_FILE } from "@axion-stack/values-schemas";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve(
  `@axion-stack/values-schemas/schemas/${TURNSERVER_SCHEMA_FILE}`,
);
const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(schemaPath, "utf8")),
);

describe("turnserver.conf against our schema", () => {
  it.each([
    { name: "defaults", config: {} },
    {
      name: "public IP, LAN clients",
      config: { cluster: { publicIP: "203.0.113.10", clientsOnLan: true } },
    },
  ])("$name: valid", ({ config }) => {
    const stack = resolveStack({ serverName: "example.org", ...config });

    expect(validate(turnServerConfig(stack))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it("rejects a misspelled option", () => {
    const stack = resolveStack({ serverName: "example.org" });
    const typo = { ...turnServerConfig(stack), "no-tlsv1_3": true };

    expect(validate(typo)).toBe(false);
    expect(validate.errors?.[0]?.params).toEqual({
      additionalProperty: "no-tlsv1_3",
    });
  });

  it("rejects a port that is not an integer", () => {
    const stack = resolveStack({ serverName: "example.org" });
    const wrong = { ...turnServerConfig(stack), "listening-port": 3478.5 };

    expect(validate(wrong)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe("/listening-port");
  });
});
