import { describe, expect, it } from "vitest";
import { resolveStack } from "../config/resolve.js";
import { secretEnv, secretKeyRef } from "./secret-refs.js";

const stack = resolveStack({ serverName: "example.org" });

describe("secretKeyRef", () => {
  it("returns the declared name and key", () => {
    const ref = secretKeyRef(
      stack,
      "coturn",
      "turnSharedSecret",
      "shared-secret",
    );

    expect(ref).toEqual({ name: "coturn-shared-secret", key: "shared-secret" });
  });

  it.each([
    {
      name: "undeclared Secret",
      id: "nope",
      key: "x",
      namespace: "coturn",
      message: 'Secret "nope" is not declared in resolveSecrets.',
    },
    {
      name: "missing key",
      id: "turnSharedSecret",
      key: "secret",
      namespace: "coturn",
      message: 'has no key "secret". Its keys are: shared-secret.',
    },
    {
      name: "other namespace",
      id: "turnSharedSecret",
      key: "shared-secret",
      namespace: "monitoring",
      message: 'is not written into namespace "monitoring".',
    },
  ])("throws on $name", ({ id, key, namespace, message }) => {
    expect(() => secretKeyRef(stack, namespace, id, key)).toThrow(message);
  });
});

describe("secretEnv", () => {
  it("builds a secretKeyRef variable", () => {
    const env = secretEnv(
      stack,
      "matrix",
      "TURN_SHARED_SECRET",
      "turnSharedSecret",
      "shared-secret",
    );

    expect(env).toEqual({
      name: "TURN_SHARED_SECRET",
      valueFrom: {
        secretKeyRef: { name: "coturn-shared-secret", key: "shared-secret" },
      },
    });
  });
});
