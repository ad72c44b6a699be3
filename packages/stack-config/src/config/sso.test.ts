import { describe, expect, it } from "vitest";
import { resolveStack } from "./resolve.js";
import {
  defaultProviderId,
  encodeUlid,
  parseExpiry,
  ULID_PATTERN,
} from "./sso.js";

describe("encodeUlid", () => {
  it("encodes the extremes", () => {
    expect(encodeUlid(new Uint8Array(16))).toBe("0".repeat(26));
    expect(encodeUlid(new Uint8Array(16).fill(255))).toBe(`7${"Z".repeat(25)}`);
  });

  it("rejects a wrong length", () => {
    expect(() => encodeUlid(new Uint8Array(15))).toThrow(/expected 16 bytes/);
  });
});

describe("defaultProviderId", () => {
  it("is a stable ULID per server name", () => {
    const first = defaultProviderId("example.test");

    expect(first).toMatch(ULID_PATTERN);
    expect(defaultProviderId("example.test")).toBe(first);
    expect(defaultProviderId("other.test")).not.toBe(first);
  });
});

describe("resolveStack sso", () => {
  it("derives issuer and redirect URI", () => {
    const { sso } = resolveStack({
      serverName: "example.test",
      sso: { providerId: "01JG8Z6Q4V3W2X1Y0ZABCDEFGH" },
    });

    expect(sso.enabled).toBe(true);
    expect(sso.issuer).toBe("https://auth.example.test/application/o/matrix/");
    expect(sso.redirectUri).toBe(
      "https://account.example.test/upstream/callback/01JG8Z6Q4V3W2X1Y0ZABCDEFGH",
    );
    expect(sso.invitations).toEqual({ expiry: "7d", singleUse: true });
  });

  it("is off without Authentik", () => {
    const stack = resolveStack({
      serverName: "example.test",
      authentik: { enabled: false },
    });

    expect(stack.sso.enabled).toBe(false);
    expect(stack.secrets.oidcClientSecret).toBeUndefined();
  });

  it("lists a shared namespace once for the client secret", () => {
    const stack = resolveStack({
      serverName: "example.test",
      authentik: { namespace: "matrix" },
    });

    expect(stack.secrets.oidcClientSecret?.namespaces).toEqual(["matrix"]);
  });
});

describe("parseExpiry", () => {
  it.each([
    { text: "7d", ms: 7 * 86_400_000 },
    { text: "30m", ms: 30 * 60_000 },
    { text: "2w", ms: 14 * 86_400_000 },
    { text: "12h", ms: 12 * 3_600_000 },
  ])("parses $text", ({ text, ms }) => {
    expect(parseExpiry(text)).toBe(ms);
  });

  it.each(["", "0d", "7", "1y", "-1d", "1.5d"])("rejects %j", (text) => {
    expect(parseExpiry(text)).toBeUndefined();
  });
});
