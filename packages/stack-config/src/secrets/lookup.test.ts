import { describe, expect, it } from "vitest";
import type { SecretSpec } from "../config/secrets.js";
import { resolveStack } from "../config/resolve.js";
import { findSecretId } from "./lookup.js";

const { secrets } = resolveStack({
  serverName: "example.test",
  cluster: { publicIP: "203.0.113.10" },
  monitoring: { enabled: false },
});

describe("findSecretId", () => {
  it.each([
    { reference: "oidcClientSecret", id: "oidcClientSecret" },
    { reference: "matrix/matrix-oidc-client", id: "oidcClientSecret" },
    { reference: "authentik/matrix-oidc-client", id: "oidcClientSecret" },
    { reference: "matrix-oidc-client", id: "oidcClientSecret" },
    { reference: "coturn/coturn-shared-secret", id: "turnSharedSecret" },
  ])("finds $reference", ({ reference, id }) => {
    expect(findSecretId(secrets, reference)).toBe(id);
  });

  it.each(["coturn/matrix-oidc-client", "absent", "constructor", "matrix/"])(
    "rejects %s",
    (reference) => {
      expect(() => findSecretId(secrets, reference)).toThrow(
        `no declared Secret has the id or name "${reference}"`,
      );
    },
  );

  it("rejects a name that two ids share", () => {
    const spec = secrets.oidcClientSecret as SecretSpec;
    const twins = {
      first: { ...spec, namespaces: ["a"] },
      second: { ...spec, namespaces: ["b"] },
    };

    expect(() => findSecretId(twins, spec.name)).toThrow(
      "matches the ids first, second",
    );
    expect(findSecretId(twins, `b/${spec.name}`)).toBe("second");
  });
});
