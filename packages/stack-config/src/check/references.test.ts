import { describe, expect, it } from "vitest";
import type { JsonValue } from "../generators/types.js";
import { collectSecretUses } from "./references.js";

describe("collectSecretUses", () => {
  it.each([
    {
      name: "secretKeyRef",
      value: {
        env: [{ valueFrom: { secretKeyRef: { name: "s", key: "k" } } }],
      },
      expected: { name: "s", key: "k", via: "secretKeyRef" },
    },
    {
      name: "ESS secret pair",
      value: { macaroon: { secret: "s", secretKey: "k" } },
      expected: { name: "s", key: "k", via: "{secret, secretKey}" },
    },
    {
      name: "ESS config Secret pair",
      value: { additional: { a: { configSecret: "s", configSecretKey: "k" } } },
      expected: { name: "s", key: "k", via: "{configSecret, configSecretKey}" },
    },
    {
      name: "Secret volume",
      value: { volumes: [{ name: "v", secret: { secretName: "s" } }] },
      expected: { name: "s", key: undefined, via: "volume secret" },
    },
    {
      name: "envFrom",
      value: { containers: [{ envFrom: [{ secretRef: { name: "s" } }] }] },
      expected: { name: "s", key: undefined, via: "envFrom secretRef" },
    },
  ] as { name: string; value: JsonValue; expected: object }[])(
    "finds a $name",
    ({ value, expected }) => {
      const uses = collectSecretUses(value, "ns");

      expect(uses).toEqual([{ namespace: "ns", ...expected }]);
    },
  );

  it("ignores a Flux source secretRef", () => {
    const source = { spec: { url: "oci://x", secretRef: { name: "pull" } } };

    expect(collectSecretUses(source, "flux-system")).toEqual([]);
  });

  it("ignores a plain value named secret", () => {
    expect(collectSecretUses({ secret: "not a reference" }, "ns")).toEqual([]);
  });
});
