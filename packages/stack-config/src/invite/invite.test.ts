import { describe, expect, it } from "vitest";
import { resolveStack } from "../config/resolve.js";
import {
  createInvitation,
  defaultInvitationName,
  INVITATION_NAME_PATTERN,
  invitationExpiry,
} from "./invite.js";

const NOW = new Date("2026-12-04T16:05:42.123Z");

describe("invitationExpiry", () => {
  it.each([
    { expiry: "7d", expected: "2026-12-11T16:05:42.123Z" },
    { expiry: "90m", expected: "2026-12-04T17:35:42.123Z" },
    { expiry: "2w", expected: "2026-12-18T16:05:42.123Z" },
  ])("adds $expiry", ({ expiry, expected }) => {
    const stack = resolveStack({
      serverName: "example.test",
      sso: { invitations: { expiry } },
    });

    expect(invitationExpiry(stack, NOW).toISOString()).toBe(expected);
  });

  it("rejects an invalid expiry", () => {
    const stack = resolveStack({
      serverName: "example.test",
      sso: { invitations: { expiry: "1y" } },
    });

    expect(() => invitationExpiry(stack, NOW)).toThrow(/"1y" is invalid/);
  });
});

describe("defaultInvitationName", () => {
  it("names the minute", () => {
    const name = defaultInvitationName(NOW);

    expect(name).toBe("invite-20261204-1605");
    expect(name).toMatch(INVITATION_NAME_PATTERN);
  });
});

describe("createInvitation", () => {
  const request = {
    apiUrl: "http://127.0.0.1:9",
    token: "unused",
    name: "alice",
    now: NOW,
  };

  it("rejects a stack without SSO", async () => {
    const stack = resolveStack({
      serverName: "example.test",
      authentik: { enabled: false },
    });

    await expect(createInvitation(stack, request)).rejects.toThrow(
      /invitations need single sign-on/,
    );
  });

  it.each(["", "has space", "a/b", "x".repeat(65)])(
    "rejects the name %j",
    async (name) => {
      const stack = resolveStack({ serverName: "example.test" });

      await expect(
        createInvitation(stack, { ...request, name }),
      ).rejects.toThrow(/invalid invitation name/);
    },
  );
});
