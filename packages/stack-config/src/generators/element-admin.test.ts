import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { elementAdminValues } from "./element-admin.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

describe("elementAdminValues", () => {
  it("serves Element Admin on its host", () => {
    expect(elementAdminValues(stackWith())).toEqual({
      enabled: true,
      ingress: { host: "admin.example.org" },
    });
  });

  it("switches Element Admin off when disabled", () => {
    const stack = stackWith({ ess: { elementAdmin: { enabled: false } } });

    expect(elementAdminValues(stack)).toEqual({ enabled: false });
  });

  it("rejects Element Admin without MAS", () => {
    const stack = stackWith({
      ess: { matrixAuthenticationService: { enabled: false } },
      authentik: { enabled: false },
    });

    expect(() => elementAdminValues(stack)).toThrow(
      /ess\.elementAdmin\.enabled is true but ess\.matrixAuthenticationService\.enabled is false/,
    );
  });
});
