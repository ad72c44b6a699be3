import { readUpstream } from "@axion-stack/test-upstream";
import {
  resolveStack,
  type JsonObject,
  type StackConfig,
} from "@axion-stack/stack-config";
import {
  type Blueprint,
  type BlueprintValue,
  EnvTag,
  FindTag,
  KeyOfTag,
} from "@axion-stack/values-schemas";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBlueprintYaml } from "../../packages/stack-config/src/generators/authentik-blueprint-yaml.js";
import {
  BLUEPRINT_KEY,
  CLIENT_SECRET_ENV,
  generateAuthentikBlueprints,
} from "../../packages/stack-config/src/generators/authentik-blueprints.js";
import { authentikValues } from "../../packages/stack-config/src/generators/authentik.js";
import { authentikBlueprintExtensions } from "../../packages/stack-config/src/generators/authentik-blueprints.js";
import { masUpstreamProvider } from "../../packages/stack-config/src/generators/mas-upstream.js";

const SCHEMA_FILE = "authentik/2025.12.0-rc1/blueprint.schema.json";
const PLACEHOLDER_UUID = "00000000-0000-4000-8000-000000000000";
const CONFIG: StackConfig = {
  serverName: "example.test",
  brand: "Example",
  sso: { providerId: "01JG8Z6Q4V3W2X1Y0ZABCDEFGH" },
};

interface PropertySchema {
  type?: string;
  format?: string;
  items?: PropertySchema;
}

interface BlueprintSchema {
  $defs: Record<string, { properties?: Record<string, PropertySchema> }>;
}

const schema = readUpstream<BlueprintSchema>(SCHEMA_FILE);

function modelProperties(model: string): Record<string, PropertySchema> {
  return schema.$defs[`model_${model}`]?.properties ?? {};
}

function isTag(value: unknown): value is KeyOfTag | FindTag | EnvTag {
  return (
    value instanceof KeyOfTag ||
    value instanceof FindTag ||
    value instanceof EnvTag
  );
}

/** Returns a value of the type the schema declares, in place of a tag. */
function placeholder(property: PropertySchema | undefined): unknown {
  if (property?.type === "integer" || property?.type === "number") {
    return 1;
  }
  if (property?.type === "boolean") {
    return true;
  }
  return property?.format === "uuid" ? PLACEHOLDER_UUID : "placeholder";
}

function resolveTags(
  value: BlueprintValue,
  property?: PropertySchema,
): unknown {
  if (isTag(value)) {
    return placeholder(property);
  }
  if (Array.isArray(value)) {
    return value.map((item) => resolveTags(item, property?.items));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, resolveTags(inner)]),
    );
  }
  return value;
}

function withPlaceholders(blueprint: Blueprint): unknown {
  const entries = blueprint.entries.map((entry) => {
    const properties = modelProperties(entry.model);
    const fields = (object: Record<string, BlueprintValue> | undefined) =>
      object === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(object).map(([key, value]) => [
              key,
              resolveTags(value, properties[key]),
            ]),
          );
    return {
      ...entry,
      ...(entry.identifiers ? { identifiers: fields(entry.identifiers) } : {}),
      ...(entry.attrs ? { attrs: fields(entry.attrs) } : {}),
    };
  });
  return { ...blueprint, entries };
}

function collectTags(value: unknown, found: unknown[] = []): unknown[] {
  if (isTag(value)) {
    found.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => collectTags(item, found));
  } else if (value !== null && typeof value === "object") {
    Object.values(value).forEach((item) => collectTags(item, found));
  }
  return found;
}

function generatedBlueprint(config: StackConfig): Blueprint {
  const [manifest] = generateAuthentikBlueprints(resolveStack(config));
  const document = (manifest as { document: JsonObject }).document;
  const data = document.data as Record<string, string>;
  return parseBlueprintYaml(data[BLUEPRINT_KEY] as string);
}

function entryById(blueprint: Blueprint, id: string) {
  const entry = blueprint.entries.find((candidate) => candidate.id === id);
  expect(entry, `entry ${id}`).toBeDefined();
  return entry!;
}

describe("Authentik blueprint contract", () => {
  let validate: ReturnType<Ajv["compile"]>;
  let blueprint: Blueprint;

  beforeAll(() => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validate = ajv.compile(schema);
    blueprint = generatedBlueprint(CONFIG);
  });

  it("validates against the blueprint schema", () => {
    const valid = validate(withPlaceholders(blueprint));

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("uses only attributes the models have", () => {
    for (const entry of blueprint.entries) {
      const known = Object.keys(modelProperties(entry.model));
      expect(known.length, entry.model).toBeGreaterThan(0);
      for (const key of Object.keys(entry.attrs ?? {})) {
        expect(known, `${entry.model}.${key}`).toContain(key);
      }
    }
  });

  it("finds only models the schema knows", () => {
    const models = Object.keys(schema.$defs)
      .filter((key) => key.startsWith("model_"))
      .map((key) => key.slice("model_".length));
    const finds = collectTags(blueprint).filter(
      (tag): tag is FindTag => tag instanceof FindTag,
    );

    expect(finds.length).toBeGreaterThan(0);
    for (const find of finds) {
      expect(models).toContain(find.model);
    }
  });

  it("refers only to earlier entry ids", () => {
    const seen = new Set<string>();
    for (const entry of blueprint.entries) {
      for (const tag of collectTags(entry)) {
        if (tag instanceof KeyOfTag) {
          expect(seen, `!KeyOf ${tag.id}`).toContain(tag.id);
        }
      }
      if (entry.id !== undefined) {
        seen.add(entry.id);
      }
    }
  });

  it("rejects tags left unresolved", () => {
    expect(validate(JSON.parse(JSON.stringify(blueprint)))).toBe(false);
  });

  it("writes Authentik's YAML tags", () => {
    const [manifest] = generateAuthentikBlueprints(resolveStack(CONFIG));
    const data = (manifest as { document: JsonObject }).document.data as Record<
      string,
      string
    >;
    const text = data[BLUEPRINT_KEY] as string;

    expect(text).toContain(`client_secret: !Env ${CLIENT_SECRET_ENV}\n`);
    expect(text).toContain("provider: !KeyOf provider-mas\n");
    expect(text).toMatch(
      /authorization_flow: !Find \[ authentik_flows\.flow, \[ slug, default-provider-authorization-implicit-consent \] \]/,
    );
  });

  it("rejects a misspelled model", () => {
    const broken = withPlaceholders({
      ...blueprint,
      entries: [
        { model: "authentik_core.aplication", identifiers: { slug: "x" } },
      ],
    });

    expect(validate(broken)).toBe(false);
  });

  it("registers MAS's exact redirect URI", () => {
    const stack = resolveStack(CONFIG);
    const attrs = entryById(blueprint, "provider-mas").attrs!;

    expect(attrs.redirect_uris).toEqual([
      {
        matching_mode: "strict",
        url: "https://account.example.test/upstream/callback/01JG8Z6Q4V3W2X1Y0ZABCDEFGH",
      },
    ]);
    expect(stack.sso.redirectUri).toBe(
      (attrs.redirect_uris as { url: string }[])[0]?.url,
    );
    expect(attrs.client_id).toBe(stack.sso.clientId);
    expect(attrs.client_type).toBe("confidential");
    expect(attrs.issuer_mode).toBe("per_provider");
  });

  it("agrees with MAS on issuer and provider", () => {
    const stack = resolveStack(CONFIG);
    const mas = masUpstreamProvider(stack);
    const attrs = entryById(blueprint, "provider-mas").attrs!;
    const slug = entryById(blueprint, "application-matrix").identifiers?.slug;
    const [redirect] = attrs.redirect_uris as { url: string }[];

    expect(redirect?.url).toBe(
      `${stack.urls.matrixAuthenticationService}/upstream/callback/${mas.id}`,
    );
    expect(mas.issuer).toBe(`${stack.urls.authentik}/application/o/${slug}/`);
    expect(mas.client_id).toBe(attrs.client_id);
  });

  it("maps the openid, profile and email scopes", () => {
    const attrs = entryById(blueprint, "provider-mas").attrs!;
    const managed = (attrs.property_mappings as FindTag[]).map(
      (tag) => tag.query[0]?.[1],
    );

    expect(managed).toEqual([
      "goauthentik.io/providers/oauth2/scope-openid",
      "goauthentik.io/providers/oauth2/scope-profile",
      "goauthentik.io/providers/oauth2/scope-email",
    ]);
  });

  it("creates the application matrix", () => {
    const entry = entryById(blueprint, "application-matrix");

    expect(entry.identifiers).toEqual({ slug: "matrix" });
    expect(entry.attrs?.provider).toEqual(new KeyOfTag("provider-mas"));
  });

  it("starts enrollment with the invitation stage", () => {
    const flow = entryById(blueprint, "flow-enrollment");
    const bindings = blueprint.entries
      .filter((entry) => entry.model === "authentik_flows.flowstagebinding")
      .map((entry) => ({
        stage: (entry.identifiers?.stage as KeyOfTag).id,
        order: entry.attrs?.order as number,
      }))
      .sort((a, b) => a.order - b.order);
    const invitation = entryById(blueprint, "stage-invitation");

    expect(flow.attrs?.designation).toBe("enrollment");
    expect(flow.identifiers).toEqual({ slug: "matrix-enrollment" });
    expect(bindings.map((binding) => binding.stage)).toEqual([
      "stage-invitation",
      "stage-prompt",
      "stage-user-write",
      "stage-user-login",
    ]);
    expect(invitation.attrs?.continue_flow_without_invitation).toBe(false);
  });

  it("reads the client secret from a wired env var", () => {
    const stack = resolveStack(CONFIG);
    const attrs = entryById(blueprint, "provider-mas").attrs!;
    const values = authentikValues(stack, authentikBlueprintExtensions(stack));
    const env = values.global.env.find(
      (item) => item.name === CLIENT_SECRET_ENV,
    );

    expect(attrs.client_secret).toEqual(new EnvTag(CLIENT_SECRET_ENV));
    expect(env).toEqual({
      name: CLIENT_SECRET_ENV,
      valueFrom: {
        secretKeyRef: { name: "matrix-oidc-client", key: "client-secret" },
      },
    });
    expect(values.blueprints.configMaps).toContain(
      "authentik-blueprints-matrix",
    );
  });

  it("follows the configured hosts", () => {
    const other = generatedBlueprint({
      ...CONFIG,
      hosts: { matrixAuthenticationService: "login.example.test" },
    });
    const attrs = entryById(other, "provider-mas").attrs!;

    expect((attrs.redirect_uris as { url: string }[])[0]?.url).toBe(
      "https://login.example.test/upstream/callback/01JG8Z6Q4V3W2X1Y0ZABCDEFGH",
    );
  });

  it("is absent with MAS off", () => {
    const stack = resolveStack({
      ...CONFIG,
      ess: {
        matrixAuthenticationService: { enabled: false },
        elementAdmin: { enabled: false },
      },
    });

    expect(generateAuthentikBlueprints(stack)).toEqual([]);
  });
});
