import { CAPS_KEY, PROFILES } from "@axion-stack/call-caps";
import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { wellKnownValues } from "./well-known.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

/** Returns the parsed `client` fragment, or undefined when there is none. */
function clientFragment(stack: ReturnType<typeof stackWith>) {
  const values = wellKnownValues(stack);
  const client = values.enabled ? values.additional?.client : undefined;
  return client === undefined
    ? undefined
    : (JSON.parse(client) as Record<string, unknown>);
}

const NO_CALL_CAPS = { elementCall: { wellKnownCaps: false } };

describe("wellKnownValues", () => {
  it("serves delegation without a redirect on the apex", () => {
    expect(wellKnownValues(stackWith(NO_CALL_CAPS))).toEqual({
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
      ...NO_CALL_CAPS,
      privacy: { mapStyleUrl: "https://tiles.example.org/style.json" },
    });

    expect(clientFragment(stack)).toEqual({
      "m.tile_server": {
        map_style_url: "https://tiles.example.org/style.json",
      },
    });
  });

  it("publishes the Element Call caps", () => {
    const stack = stackWith({ elementCall: { profile: "low" } });
    const caps = clientFragment(stack)?.[CAPS_KEY] as {
      camera: { max_bitrate: number; max_height: number };
      audio: { max_bitrate: number };
    };

    expect(caps.camera.max_bitrate).toBe(PROFILES.low.camera.maxBitrate);
    expect(caps.camera.max_height).toBe(PROFILES.low.camera.maxHeight);
    expect(caps.audio.max_bitrate).toBe(PROFILES.low.audio.maxBitrate);
  });

  it("publishes the caps next to the tile server", () => {
    const stack = stackWith({
      privacy: { mapStyleUrl: "https://tiles.example.org/style.json" },
    });

    expect(Object.keys(clientFragment(stack) ?? {}).sort()).toEqual([
      CAPS_KEY,
      "m.tile_server",
    ]);
  });

  it.each([
    { name: "the widget reads no well-known", overrides: NO_CALL_CAPS },
    {
      name: "Element Call is off",
      overrides: { elementCall: { enabled: false } },
    },
  ])("adds no client fragment when $name", ({ overrides }) => {
    expect(clientFragment(stackWith(overrides))).toBeUndefined();
  });
});
