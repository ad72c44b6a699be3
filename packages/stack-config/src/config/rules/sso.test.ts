import { describe, expect, it } from "vitest";
import type { StackConfig } from "../model.js";
import {
  masDelegationRule,
  ssoClientSecretRule,
  ssoIssuerRule,
  ssoProviderIdRule,
  ssoRedirectUriRule,
} from "./sso.js";

const BASE: StackConfig = { serverName: "example.test" };
const ID = "01JG8Z6Q4V3W2X1Y0ZABCDEFGH";

function withSso(sso: StackConfig["sso"]): StackConfig {
  return { ...BASE, sso };
}

describe("ssoProviderIdRule", () => {
  it.each([
    { name: "too short", id: "01JG8Z6Q4V", message: /has 10 characters/ },
    { name: "lower case", id: ID.toLowerCase(), message: /lower-case/ },
    {
      name: "excluded letter",
      id: "01JG8Z6Q4V3W2X1Y0ZABCDEFGI",
      message: /I, L, O or U/,
    },
    { name: "overflow", id: "81JG8Z6Q4V3W2X1Y0ZABCDEFGH", message: /above 7/ },
    {
      name: "punctuation",
      id: "01JG8Z6Q4V3W2X1Y0ZABCDEFG-",
      message: /outside Crockford/,
    },
  ])("rejects $name", ({ id, message }) => {
    const issues = ssoProviderIdRule.check(withSso({ providerId: id }));

    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("sso.providerId");
    expect(issues[0]?.message).toMatch(message);
  });

  it("accepts a ULID", () => {
    expect(ssoProviderIdRule.check(withSso({ providerId: ID }))).toEqual([]);
  });
});

describe("ssoIssuerRule", () => {
  it("accepts the derived issuer", () => {
    const config = withSso({
      issuer: "https://auth.example.test/application/o/matrix/",
    });
    expect(ssoIssuerRule.check(config)).toEqual([]);
  });

  it("names a missing trailing slash", () => {
    const config = withSso({
      issuer: "https://auth.example.test/application/o/matrix",
    });
    const [issue] = ssoIssuerRule.check(config);

    expect(issue?.message).toMatch(/trailing slash/);
    expect(issue?.allowed).toBe(
      "https://auth.example.test/application/o/matrix/",
    );
  });

  it("follows hosts.authentik", () => {
    const config: StackConfig = {
      ...BASE,
      hosts: { authentik: "sso.example.test" },
      sso: { issuer: "https://auth.example.test/application/o/matrix/" },
    };
    const [issue] = ssoIssuerRule.check(config);

    expect(issue?.message).toMatch(/differs from the issuer/);
    expect(issue?.allowed).toBe(
      "https://sso.example.test/application/o/matrix/",
    );
  });
});

describe("ssoRedirectUriRule", () => {
  it("accepts the derived URI", () => {
    const config = withSso({
      providerId: ID,
      redirectUri: `https://account.example.test/upstream/callback/${ID}`,
    });
    expect(ssoRedirectUriRule.check(config)).toEqual([]);
  });

  it.each([
    {
      name: "another host",
      uri: `https://matrix.example.test/upstream/callback/${ID}`,
      message:
        /host matrix.example.test, not at MAS's host account.example.test/,
    },
    {
      name: "another provider",
      uri: "https://account.example.test/upstream/callback/01ARZ3NDEKTSV4RRFFQ69G5FAV",
      message: /names provider 01ARZ3NDEKTSV4RRFFQ69G5FAV/,
    },
    {
      name: "no URL",
      uri: "account.example.test",
      message: /not an absolute URL/,
    },
  ])("rejects $name", ({ uri, message }) => {
    const issues = ssoRedirectUriRule.check(
      withSso({ providerId: ID, redirectUri: uri }),
    );

    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(message);
  });
});

describe("ssoClientSecretRule", () => {
  it.each([
    { name: "a string", secret: "s3cr3t-value" },
    { name: "a value object", secret: { value: "s3cr3t-value" } },
  ])("rejects $name without echoing it", ({ secret }) => {
    const config = withSso({ clientSecret: secret as never });
    const issues = ssoClientSecretRule.check(config);

    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/inline value/);
    expect(JSON.stringify(issues)).not.toContain("s3cr3t-value");
  });

  it("accepts a Secret reference", () => {
    const config = withSso({ clientSecret: { secret: "oidc", key: "secret" } });
    expect(ssoClientSecretRule.check(config)).toEqual([]);
  });
});

describe("masDelegationRule", () => {
  it("rejects MAS without Synapse", () => {
    const config: StackConfig = {
      ...BASE,
      ess: { synapse: { enabled: false } },
    };
    const [issue] = masDelegationRule.check(config);

    expect(issue?.path).toBe("ess.synapse.enabled");
    expect(issue?.message).toMatch(/delegates authentication to MAS/);
  });

  it("accepts MAS without Authentik", () => {
    const config: StackConfig = { ...BASE, authentik: { enabled: false } };
    expect(masDelegationRule.check(config)).toEqual([]);
  });

  it("accepts both off with MAS off", () => {
    const config: StackConfig = {
      ...BASE,
      ess: {
        synapse: { enabled: false },
        matrixAuthenticationService: { enabled: false },
        elementAdmin: { enabled: false },
      },
      authentik: { enabled: false },
    };
    expect(masDelegationRule.check(config)).toEqual([]);
  });
});
