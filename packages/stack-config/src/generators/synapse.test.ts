import { fragmentValidator } from "@axion-stack/values-schemas";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import {
  chartMaxUploadSize,
  synapseFragments,
  synapseValues,
  TURN_SECRET_DIR,
} from "./synapse.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

/** Returns the enabled Synapse values, failing when Synapse is off. */
function enabledValues(stack = stackWith()) {
  const values = synapseValues(stack);
  if (!values.enabled) {
    throw new Error("expected Synapse to be enabled");
  }
  return values;
}

describe("synapseValues", () => {
  it("switches Synapse off when disabled", () => {
    const stack = stackWith({ ess: { synapse: { enabled: false } } });

    expect(synapseValues(stack)).toEqual({ enabled: false });
  });

  it("sets host, upload size and media volume", () => {
    const stack = stackWith({
      ess: { synapse: { maxUploadSize: "1G", mediaStorageSize: "20Gi" } },
    });
    const values = enabledValues(stack);

    expect(values.ingress).toEqual({ host: "matrix.example.org" });
    expect(values.media).toEqual({
      maxUploadSize: "1024M",
      storage: { size: "20Gi" },
    });
  });

  it("references every credential by Secret", () => {
    const values = enabledValues();

    expect(values.macaroon).toEqual({
      secret: "ess-synapse-credentials",
      secretKey: "macaroon",
    });
    expect(values.registrationSharedSecret.secretKey).toBe(
      "registration-shared-secret",
    );
    expect(values.signingKey.secretKey).toBe("signing-key");
  });

  it("serialises each fragment as YAML of its typed data", () => {
    const stack = stackWith();
    const values = enabledValues(stack);

    for (const [name, fragment] of Object.entries(synapseFragments(stack))) {
      const entry = values.additional[name];
      expect(entry, name).toHaveProperty("config");
      expect(parse((entry as { config: string }).config)).toEqual(fragment);
    }
  });
});

describe("synapseFragments", () => {
  it("federates openly unless an allowlist is set", () => {
    expect(synapseFragments(stackWith())["axion-federation"]).toBeUndefined();
  });

  it("writes the federation allowlist", () => {
    const stack = stackWith({
      policies: { federation: { allowlist: ["matrix.org"] } },
    });

    expect(synapseFragments(stack)["axion-federation"]).toEqual({
      federation_domain_whitelist: ["matrix.org"],
    });
  });

  it("passes the fragment schema", () => {
    const validate = fragmentValidator("synapse");
    const stack = stackWith({
      policies: {
        retention: { defaultMaxLifetime: "30d" },
        autoJoinRooms: { rooms: ["#welcome:example.org"] },
      },
    });

    for (const [name, fragment] of Object.entries(synapseFragments(stack))) {
      expect(
        validate(fragment),
        `${name}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
    }
  });

  it("limits retention to the configured range", () => {
    const fragments = synapseFragments(stackWith());

    expect(fragments["axion-retention"]).toEqual({
      retention: {
        enabled: true,
        allowed_lifetime_min: "1d",
        allowed_lifetime_max: "1y",
      },
    });
  });

  it("sets a default policy when configured", () => {
    const stack = stackWith({
      policies: { retention: { defaultMaxLifetime: "90d" } },
    });
    const retention = synapseFragments(stack)["axion-retention"]?.retention;

    expect(retention?.default_policy).toEqual({ max_lifetime: "90d" });
  });

  it("omits retention when disabled", () => {
    const stack = stackWith({ policies: { retention: { enabled: false } } });

    expect(synapseFragments(stack)["axion-retention"]).toBeUndefined();
  });

  it("allows everyone to publish rooms by default", () => {
    const fragments = synapseFragments(stackWith());

    expect(fragments["axion-room-directory"]).toEqual({
      room_list_publication_rules: [
        { user_id: "*", alias: "*", room_id: "*", action: "allow" },
      ],
    });
  });

  it("joins and creates the configured rooms", () => {
    const stack = stackWith({
      policies: { autoJoinRooms: { rooms: ["#welcome:example.org"] } },
    });

    expect(synapseFragments(stack)["axion-auto-join-rooms"]).toEqual({
      auto_join_rooms: ["#welcome:example.org"],
      autocreate_auto_join_rooms: true,
    });
  });

  it("omits auto-join without rooms", () => {
    expect(synapseFragments(stackWith())["axion-auto-join-rooms"]).toBe(
      undefined,
    );
  });

  it.each([
    [undefined, false],
    [true, true],
  ])("report_stats with opt-in %s is %s", (optIn, expected) => {
    const stack = stackWith(
      optIn === undefined ? {} : { privacy: { synapseReportStats: optIn } },
    );

    expect(synapseFragments(stack)["axion-privacy"]).toEqual({
      report_stats: expected,
    });
  });
});

describe("Synapse TURN wiring", () => {
  it("advertises coturn's UDP, TCP and TLS ports", () => {
    const stack = stackWith({ coturn: { port: 3479, tlsPort: 5350 } });
    const turn = synapseFragments(stack)["axion-turn"];

    expect(turn?.turn_uris).toEqual([
      "turn:turn.example.org:3479?transport=udp",
      "turn:turn.example.org:3479?transport=tcp",
      "turns:turn.example.org:5350?transport=tcp",
    ]);
  });

  it("uses coturn's credential lifetime and no guests", () => {
    const stack = stackWith({ coturn: { credentialLifetime: "12h" } });
    const turn = synapseFragments(stack)["axion-turn"];

    expect(turn?.turn_user_lifetime).toBe("12h");
    expect(turn?.turn_allow_guests).toBe(false);
  });

  it("reads the secret coturn reads, from a mounted file", () => {
    const stack = stackWith();
    const values = enabledValues(stack);
    const turn = synapseFragments(stack)["axion-turn"];
    const declared = stack.secrets.turnSharedSecret;

    expect(declared?.readBy).toContain("coturn");
    expect(values.extraVolumes).toEqual([
      {
        name: "turn-shared-secret",
        secret: {
          secretName: declared?.name,
          items: [{ key: "shared-secret", path: "shared-secret" }],
        },
      },
    ]);
    expect(values.extraVolumeMounts).toEqual([
      {
        name: "turn-shared-secret",
        mountPath: TURN_SECRET_DIR,
        readOnly: true,
      },
    ]);
    expect(turn?.turn_shared_secret_path).toBe(
      `${TURN_SECRET_DIR}/shared-secret`,
    );
  });

  it("leaves TURN out when coturn is disabled", () => {
    const stack = stackWith({ coturn: { enabled: false } });
    const values = enabledValues(stack);

    expect(synapseFragments(stack)["axion-turn"]).toBeUndefined();
    expect(values.extraVolumes).toEqual([]);
    expect(values.extraVolumeMounts).toEqual([]);
  });
});

describe("chartMaxUploadSize", () => {
  it.each([
    { size: "100M", expected: "100M" },
    { size: "512K", expected: "512K" },
    { size: "2G", expected: "2048M" },
    { size: "1048576", expected: "1024K" },
    { size: "9007199254740993G", expected: "9223372036854776832M" },
    { size: "9007199254740993024", expected: "8796093022208001K" },
  ])("converts $size to $expected", ({ size, expected }) => {
    expect(chartMaxUploadSize(size)).toBe(expected);
  });

  it.each([
    { size: "1000", error: /whole KiB or MiB/ },
    { size: "9007199254740993", error: /whole KiB or MiB/ },
    { size: "10MB", error: /not a size/ },
  ])("rejects $size", ({ size, error }) => {
    expect(() => chartMaxUploadSize(size)).toThrow(error);
  });
});
