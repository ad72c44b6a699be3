import { fragmentValidator } from "@axion-stack/values-schemas";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { masFragments, masSsoExtensions, masValues } from "./mas.js";
import { MAS_UPSTREAM_FRAGMENT } from "./mas-upstream.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

const withoutSso = { authentik: { enabled: false } };

/** Returns the enabled MAS values with SSO, failing when MAS is off. */
function enabledValues(stack = stackWith()) {
  const values = masValues(stack, masSsoExtensions(stack));
  if (!values.enabled) {
    throw new Error("expected MAS to be enabled");
  }
  return values;
}

function fragmentsOf(values: ReturnType<typeof enabledValues>) {
  return Object.fromEntries(
    Object.entries(values.additional).map(([name, entry]) => [
      name,
      parse((entry as { config: string }).config) as object,
    ]),
  );
}

describe("masValues", () => {
  it("switches MAS off when disabled", () => {
    const stack = stackWith({
      ess: { matrixAuthenticationService: { enabled: false } },
    });

    expect(masValues(stack)).toEqual({ enabled: false });
  });

  it("references every credential by Secret", () => {
    const values = enabledValues();
    const secret = "ess-mas-credentials";

    expect(values.ingress).toEqual({ host: "account.example.org" });
    expect(values.encryptionSecret).toEqual({
      secret,
      secretKey: "encryption-secret",
    });
    expect(values.synapseSharedSecret.secretKey).toBe("synapse-shared-secret");
    expect(values.privateKeys).toEqual({
      rsa: { secret, secretKey: "rsa-private-key" },
      ecdsaPrime256v1: { secret, secretKey: "ecdsa-p256-private-key" },
    });
  });

  it("passes each fragment through the fragment schema", () => {
    const validate = fragmentValidator("matrixAuthenticationService");

    for (const config of [{}, withoutSso]) {
      const fragments = fragmentsOf(enabledValues(stackWith(config)));
      for (const [name, fragment] of Object.entries(fragments)) {
        expect(
          validate(fragment),
          `${name}: ${JSON.stringify(validate.errors)}`,
        ).toBe(true);
      }
    }
  });

  it("keeps local passwords without SSO", () => {
    const values = enabledValues(stackWith(withoutSso));

    expect(Object.keys(values.additional)).toEqual([
      "axion-accounts",
      "axion-branding",
    ]);
    expect(fragmentsOf(values)["axion-accounts"]).toMatchObject({
      passwords: { enabled: true },
      account: { password_registration_enabled: false },
    });
    expect(values.extraVolumes).toBeUndefined();
  });

  it("logs in through Authentik with SSO", () => {
    const values = enabledValues();
    const fragments = fragmentsOf(values);

    expect(fragments[MAS_UPSTREAM_FRAGMENT]).toMatchObject({
      passwords: { enabled: false },
    });
    expect(fragments["axion-accounts"]).not.toHaveProperty("passwords");
    expect(values.extraVolumes).toHaveLength(1);
    expect(values.extraVolumeMounts).toHaveLength(1);
  });
});

describe("masFragments", () => {
  it("shows the brand on MAS pages", () => {
    const stack = stackWith({ brand: "Example Chat" });

    expect(masFragments(stack)["axion-branding"]).toEqual({
      branding: { service_name: "Example Chat" },
    });
  });

  it("keeps registration and recovery closed", () => {
    const account = masFragments(stackWith())["axion-accounts"]?.account;

    expect(account?.password_registration_enabled).toBe(false);
    expect(account?.password_recovery_enabled).toBe(false);
  });
});
