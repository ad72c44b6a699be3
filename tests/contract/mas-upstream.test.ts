import { readUpstream } from "@axion-stack/test-upstream";
import {
  resolveStack,
  type EssChartVersion,
  type StackConfig,
} from "@axion-stack/stack-config";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { authentikBlueprintExtensions } from "../../packages/stack-config/src/generators/authentik-blueprints.js";
import {
  masClientSecretMount,
  masUpstreamFragment,
} from "../../packages/stack-config/src/generators/mas-upstream.js";

/**
 * MAS schema per ESS chart version: 26.4.0 ships MAS 1.15.0. 26.8.1 ships
 * 1.23.0, whose schema is not available; 1.22.0 is the nearest.
 */
const MAS_SCHEMAS: Record<EssChartVersion, string> = {
  "26.4.0": "matrix-authentication-service/v1.15.0/config.schema.json",
  "26.8.1": "matrix-authentication-service/v1.22.0/config.schema.json",
};

/** Keys the chart sets itself; the schema requires them. */
const CHART_OWNED = {
  secrets: { encryption_file: "/secrets/encryption", keys: [] },
  matrix: {
    homeserver: "example.test",
    secret_file: "/secrets/synapse-shared-secret",
    endpoint: "http://ess-synapse.matrix.svc.cluster.local:8008/",
  },
};

const PROVIDER_ID = "01JG8Z6Q4V3W2X1Y0ZABCDEFGH";

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  allOf?: SchemaNode[];
  $ref?: string;
  definitions?: Record<string, SchemaNode>;
}

function config(chartVersion: EssChartVersion): StackConfig {
  return {
    serverName: "example.test",
    ess: { chartVersion },
    sso: { providerId: PROVIDER_ID },
  };
}

/** Largest value of each unsigned integer format MAS's schema uses. */
const UNSIGNED_FORMATS: Record<string, number> = {
  uint8: 2 ** 8 - 1,
  uint16: 2 ** 16 - 1,
  uint32: 2 ** 32 - 1,
  uint64: Number.MAX_SAFE_INTEGER,
};

function compile(schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const [name, max] of Object.entries(UNSIGNED_FORMATS)) {
    ajv.addFormat(name, {
      type: "number",
      validate: (value: number) =>
        Number.isInteger(value) && value >= 0 && value <= max,
    });
  }
  return ajv.compile(schema);
}

/** Follows `$ref` and single-element `allOf` wrappers to the definition. */
function deref(root: SchemaNode, node: SchemaNode): SchemaNode {
  if (node.$ref?.startsWith("#/definitions/")) {
    const name = node.$ref.slice("#/definitions/".length);
    return deref(root, root.definitions?.[name] ?? {});
  }
  if (node.properties === undefined && node.allOf?.length === 1) {
    return deref(root, node.allOf[0] as SchemaNode);
  }
  return node;
}

/**
 * Lists the keys of `value` that the schema does not declare. MAS's schema
 * has no `additionalProperties: false`, so ajv alone lets typos through.
 */
function unknownKeys(
  root: SchemaNode,
  node: SchemaNode,
  value: unknown,
  path = "",
): string[] {
  if (value === null || typeof value !== "object") {
    return [];
  }
  if (Array.isArray(value)) {
    const items = (node as { items?: SchemaNode }).items ?? {};
    return value.flatMap((item, index) =>
      unknownKeys(root, deref(root, items), item, `${path}[${index}]`),
    );
  }
  const properties = deref(root, node).properties ?? {};
  return Object.entries(value).flatMap(([key, inner]) => {
    const child = properties[key];
    if (child === undefined) {
      return [`${path}.${key}`];
    }
    return unknownKeys(root, deref(root, child), inner, `${path}.${key}`);
  });
}

describe.each(Object.entries(MAS_SCHEMAS))(
  "MAS upstream config for ESS %s",
  (chartVersion, schemaFile) => {
    const schema = readUpstream<SchemaNode>(schemaFile);
    const stack = resolveStack(config(chartVersion as EssChartVersion));
    const fragment = masUpstreamFragment(stack)!;

    it("validates against MAS's config schema", () => {
      const validate = compile(schema);
      const valid = validate({ ...CHART_OWNED, ...fragment });

      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it("uses only keys MAS declares", () => {
      expect(unknownKeys(schema, schema, fragment)).toEqual([]);
    });

    it("finds a misspelled key", () => {
      const provider = fragment.upstream_oauth2!.providers[0]!;
      const typo = {
        upstream_oauth2: { providers: [{ ...provider, claim_imports: {} }] },
      };

      expect(unknownKeys(schema, schema, typo)).toEqual([
        ".upstream_oauth2.providers[0].claim_imports",
      ]);
    });

    it("rejects a provider ID that is no ULID", () => {
      const validate = compile(schema);
      const provider = fragment.upstream_oauth2!.providers[0]!;
      const broken = {
        ...CHART_OWNED,
        upstream_oauth2: {
          providers: [{ ...provider, id: PROVIDER_ID.toLowerCase() }],
        },
      };

      expect(validate(broken)).toBe(false);
    });

    it("turns password login off", () => {
      expect(fragment.passwords).toEqual({ enabled: false });
    });

    it("trusts Authentik's published issuer", () => {
      const [provider] = fragment.upstream_oauth2!.providers;

      expect(provider?.id).toBe(PROVIDER_ID);
      expect(provider?.issuer).toBe(
        "https://auth.example.test/application/o/matrix/",
      );
      expect(provider?.client_id).toBe("matrix-authentication-service");
      expect(provider?.scope).toBe("openid profile email");
    });

    it("imports localpart, display name and email", () => {
      const imports = fragment.upstream_oauth2!.providers[0]!.claims_imports;

      expect(imports?.localpart).toEqual({
        action: "require",
        template: "{{ user.preferred_username }}",
      });
      expect(imports?.displayname?.template).toBe("{{ user.name }}");
      expect(imports?.email?.template).toBe("{{ user.email }}");
    });
  },
);

describe("MAS client secret", () => {
  const stack = resolveStack(config("26.4.0"));
  const provider = masUpstreamFragment(stack)!.upstream_oauth2!.providers[0]!;
  const mount = masClientSecretMount(stack);

  it("is read from a file, never inline", () => {
    expect(provider).not.toHaveProperty("client_secret");
    expect(provider.client_secret_file).toBe(
      "/etc/mas/upstream-oidc/client-secret",
    );
  });

  it("mounts the file from the Secret", () => {
    const [volume] = mount.extraVolumes;
    const [volumeMount] = mount.extraVolumeMounts;

    expect(volume?.secret.secretName).toBe("matrix-oidc-client");
    expect(volume?.secret.items).toEqual([
      { key: "client-secret", path: "client-secret" },
    ]);
    expect(volumeMount?.name).toBe(volume?.name);
    expect(volumeMount?.readOnly).toBe(true);
    expect(`${volumeMount?.mountPath}/${volume?.secret.items[0]?.path}`).toBe(
      provider.client_secret_file,
    );
  });

  it("is the key Authentik reads", () => {
    const authentikEnv = authentikBlueprintExtensions(stack).env;
    const [volume] = mount.extraVolumes;
    const secretKeyRef = (
      authentikEnv[0] as { valueFrom: { secretKeyRef: object } }
    ).valueFrom.secretKeyRef;
    const spec = stack.secrets.oidcClientSecret;

    expect(secretKeyRef).toEqual({
      name: volume?.secret.secretName,
      key: volume?.secret.items[0]?.key,
    });
    expect(spec?.namespaces).toEqual(["authentik", "matrix"]);
  });

  it("is absent with Authentik off", () => {
    const off = resolveStack({
      ...config("26.4.0"),
      authentik: { enabled: false },
    });

    expect(masUpstreamFragment(off)).toBeUndefined();
    expect(masClientSecretMount(off).extraVolumes).toEqual([]);
  });
});
