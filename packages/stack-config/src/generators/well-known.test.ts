import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { wellKnownValues } from "./well-known.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

describe("wellKnownValues", () => {
  it("serves delegation without a redirect on the apex", () => {
    expect(wellKnownValues(stackWith())).toEqual({
      enabled: true,
      baseDomainRedirect: { enabled: false },
    });
  });

  it("redirects the apex to Element Web's own host", () => {
    const stack = stackWith({ hosts: { elementWeb: "chat.example.org" } });

    expect(wellKnownValues(stack)).toMatchObject({
      baseDomainRedirect: { enabled: true },
    });
  });

  it("does not redirect to a disabled Element Web", () => {
    const stack = stackWith({
      hosts: { elementWeb: "chat.example.org" },
      ess: { elementWeb: { enabled: false } },
    });

    expect(wellKnownValues(stack)).toMatchObject({
      baseDomainRedirect: { enabled: false },
    });
  });

  it("switches delegation off without Synapse", () => {
    const stack = stackWith({ ess: { synapse: { enabled: false } } });

    expect(wellKnownValues(stack)).toEqual({ enabled: false });
  });

  it("announces a configured map tile server", () => {
    const stack = stackWith({
      privacy: { mapStyleUrl: "https://tiles.example.org/style.json" },
    });
    const values = wellKnownValues(stack);
    const client = values.enabled ? values.additional?.client : undefined;

    expect(JSON.parse(client ?? "{}")).toEqual({
      "m.tile_server": {
        map_style_url: "https://tiles.example.org/style.json",
      },
    });
  });
});
