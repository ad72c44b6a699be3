import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { generateElementAdmin } from "./element-admin.js";
import { generateElementWeb } from "./element-web.js";
import {
  configFragment,
  ESS_VALUES_PARTS,
  essSecretRef,
  generateEss,
} from "./ess.js";
import { generateMas } from "./mas.js";
import { generateMatrixRTC } from "./matrix-rtc.js";
import { generateSynapse } from "./synapse.js";
import type { JsonObject, Manifest } from "./types.js";
import { generateWellKnown } from "./well-known.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

function documentAt(manifests: Manifest[], path: string): JsonObject {
  const manifest = manifests.find((entry) => entry.path === path);
  if (manifest === undefined || !("document" in manifest)) {
    throw new Error(`no document at ${path}`);
  }
  return manifest.document;
}

function valuesAt(manifests: Manifest[], path: string): JsonObject {
  const data = documentAt(manifests, path).data as JsonObject;
  return parse(data["values.yaml"] as string) as JsonObject;
}

const COMPONENT_GENERATORS = [
  generateSynapse,
  generateMas,
  generateElementWeb,
  generateElementAdmin,
  generateMatrixRTC,
  generateWellKnown,
];

describe("generateEss", () => {
  it("emits namespace, source, global values and release", () => {
    const paths = generateEss(stackWith()).map((entry) => entry.path);

    expect(paths).toEqual([
      "infrastructure/namespaces/matrix.yaml",
      "infrastructure/sources/matrix-stack.yaml",
      "apps/ess/values-global.yaml",
      "apps/ess/helmrelease.yaml",
    ]);
  });

  it.each(["26.4.0", "26.8.1"] as const)(
    "pins the OCI chart tag to %s",
    (chartVersion) => {
      const stack = stackWith({ ess: { chartVersion } });
      const source = documentAt(
        generateEss(stack),
        "infrastructure/sources/matrix-stack.yaml",
      );

      expect(source.kind).toBe("OCIRepository");
      expect((source.spec as JsonObject).url).toBe(
        "oci://ghcr.io/element-hq/ess-helm/matrix-stack",
      );
      expect((source.spec as JsonObject).ref).toEqual({ tag: chartVersion });
    },
  );

  it("reads the chart through chartRef", () => {
    const stack = stackWith({ ess: { releaseName: "chat", namespace: "m" } });
    const release = documentAt(generateEss(stack), "apps/ess/helmrelease.yaml");
    const spec = release.spec as JsonObject;

    expect(release.metadata).toMatchObject({ name: "chat", namespace: "m" });
    expect(spec.chartRef).toEqual({
      kind: "OCIRepository",
      name: "matrix-stack",
      namespace: "flux-system",
    });
    expect(spec.values).toBeUndefined();
  });

  it("lists a ConfigMap that some generator emits for every part", () => {
    const stack = stackWith();
    const release = documentAt(generateEss(stack), "apps/ess/helmrelease.yaml");
    const valuesFrom = (release.spec as JsonObject).valuesFrom as JsonObject[];
    const emitted = [generateEss, ...COMPONENT_GENERATORS]
      .flatMap((generate) => generate(stack))
      .filter((entry) => "document" in entry)
      .map((entry) => (entry as { document: JsonObject }).document)
      .filter((document) => document.kind === "ConfigMap")
      .map((document) => (document.metadata as JsonObject).name);

    expect(valuesFrom).toHaveLength(ESS_VALUES_PARTS.length);
    expect(valuesFrom.map((ref) => ref.name)).toEqual(emitted);
  });

  it("sets the shared ingress, issuer and server name", () => {
    const values = valuesAt(
      generateEss(stackWith({ cluster: { clusterIssuer: "staging" } })),
      "apps/ess/values-global.yaml",
    );

    expect(values.serverName).toBe("example.org");
    expect(values.ingress).toEqual({ className: "traefik" });
    expect(values.certManager).toEqual({ clusterIssuer: "staging" });
    expect(values.storage).toBeUndefined();
  });

  it("sets the StorageClass when the cluster names one", () => {
    const stack = stackWith({ cluster: { storageClassName: "fast" } });
    const values = valuesAt(generateEss(stack), "apps/ess/values-global.yaml");

    expect(values.storage).toEqual({ storageClassName: "fast" });
  });

  it("references database passwords of enabled components only", () => {
    const stack = stackWith({
      ess: { matrixAuthenticationService: { enabled: false } },
      authentik: { enabled: false },
      postgres: { mode: "embedded" },
    });
    const values = valuesAt(generateEss(stack), "apps/ess/values-global.yaml");
    const postgres = values.postgres as JsonObject;

    expect(postgres.adminPassword).toEqual({
      secret: "ess-postgres-credentials",
      secretKey: "admin-password",
    });
    expect(Object.keys(postgres.essPasswords as JsonObject)).toEqual([
      "synapse",
    ]);
  });
});

describe("essSecretRef", () => {
  it("returns the declared Secret's name and key", () => {
    expect(essSecretRef(stackWith(), "synapseCredentials", "macaroon")).toEqual(
      { secret: "ess-synapse-credentials", secretKey: "macaroon" },
    );
  });

  it("throws for an undeclared key", () => {
    expect(() =>
      essSecretRef(stackWith(), "synapseCredentials", "macaron"),
    ).toThrow(/has no key "macaron"/);
  });
});

describe("configFragment", () => {
  it("serialises typed data as YAML", () => {
    expect(configFragment("test", { report_stats: false })).toBe(
      "report_stats: false\n",
    );
  });

  it("rejects text that matrix-tools would substitute", () => {
    expect(() => configFragment("test", { brand: "${HOME}" })).toThrow(
      /contains "\$\{"/,
    );
  });
});
