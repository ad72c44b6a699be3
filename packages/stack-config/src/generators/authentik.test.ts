import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { authentikValues, generateAuthentik } from "./authentik.js";
import { authentikBlueprintExtensions } from "./authentik-blueprints.js";
import type { JsonObject, Manifest } from "./types.js";

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

describe("generateAuthentik", () => {
  it("emits nothing when disabled", () => {
    const stack = stackWith({ authentik: { enabled: false } });

    expect(generateAuthentik(stack)).toEqual([]);
  });

  it("emits namespace, source, values and release", () => {
    const paths = generateAuthentik(stackWith()).map((entry) => entry.path);

    expect(paths).toEqual([
      "infrastructure/namespaces/authentik.yaml",
      "infrastructure/sources/authentik.yaml",
      "apps/authentik/values.yaml",
      "apps/authentik/helmrelease.yaml",
    ]);
  });

  it("keeps the namespace restricted", () => {
    const manifests = generateAuthentik(stackWith());
    const namespace = documentAt(
      manifests,
      "infrastructure/namespaces/authentik.yaml",
    );

    expect(namespace).toMatchObject({
      metadata: {
        name: "authentik",
        labels: { "pod-security.kubernetes.io/enforce": "restricted" },
      },
    });
  });

  it("reads values only from the ConfigMap", () => {
    const manifests = generateAuthentik(stackWith());
    const release = documentAt(manifests, "apps/authentik/helmrelease.yaml");
    const configMap = documentAt(manifests, "apps/authentik/values.yaml");
    const spec = release.spec as JsonObject;
    const data = configMap.data as Record<string, string>;

    expect(spec.valuesFrom).toEqual([
      { kind: "ConfigMap", name: "authentik-values", valuesKey: "values.yaml" },
    ]);
    expect(spec.values).toBeUndefined();
    expect(spec.chart).toMatchObject({
      spec: { chart: "authentik", version: "2026.8.0" },
    });
    expect(parse(data["values.yaml"] ?? "")).toEqual(
      authentikValues(stackWith(), authentikBlueprintExtensions(stackWith())),
    );
  });
});

describe("authentik values ConfigMap", () => {
  it("contains no YAML anchors or aliases", () => {
    const manifests = generateAuthentik(stackWith());
    const configMap = documentAt(manifests, "apps/authentik/values.yaml");
    const text = (configMap.data as Record<string, string>)["values.yaml"];

    expect(text).not.toMatch(/[&*]a\d/);
  });
});

describe("authentikValues", () => {
  it("turns error reporting off by default", () => {
    const values = authentikValues(stackWith());

    expect(values.authentik.error_reporting).toEqual({
      enabled: false,
      send_pii: false,
    });
  });

  it("turns error reporting on when opted in", () => {
    const stack = stackWith({ privacy: { authentikErrorReporting: true } });

    expect(authentikValues(stack).authentik.error_reporting.enabled).toBe(true);
  });

  it("reads credentials from declared Secrets", () => {
    const { env } = authentikValues(stackWith()).global;

    expect(env).toContainEqual({
      name: "AUTHENTIK_SECRET_KEY",
      valueFrom: {
        secretKeyRef: { name: "authentik-secret-key", key: "secret-key" },
      },
    });
    expect(env).toContainEqual({
      name: "AUTHENTIK_POSTGRESQL__PASSWORD",
      valueFrom: {
        secretKeyRef: { name: "authentik-postgresql", key: "password" },
      },
    });
    expect(env.every((variable) => "valueFrom" in variable)).toBe(true);
  });

  it("points the database at the same Secret", () => {
    const { auth } = authentikValues(stackWith()).postgresql;

    expect(auth).toEqual({
      existingSecret: "authentik-postgresql",
      secretKeys: {
        adminPasswordKey: "postgres-password",
        userPasswordKey: "password",
      },
    });
  });

  it("writes no credential into values", () => {
    const text = JSON.stringify(authentikValues(stackWith()));

    expect(text).not.toMatch(/secret_key|"password"\s*:/);
  });

  it("serves the host with cert-manager TLS", () => {
    const stack = stackWith({
      hosts: { authentik: "sso.example.org" },
      cluster: { ingressClassName: "nginx", clusterIssuer: "prod" },
    });

    expect(authentikValues(stack).server.ingress).toEqual({
      enabled: true,
      ingressClassName: "nginx",
      annotations: { "cert-manager.io/cluster-issuer": "prod" },
      hosts: ["sso.example.org"],
      tls: [{ secretName: "authentik-tls", hosts: ["sso.example.org"] }],
      https: false,
    });
  });

  it.each([
    { name: "one node", nodes: 1, replicas: 1, pdb: { enabled: false } },
    {
      name: "three nodes",
      nodes: 3,
      replicas: 2,
      pdb: { enabled: true, minAvailable: "1" },
    },
  ])("$name: $replicas replicas", ({ nodes, replicas, pdb }) => {
    const values = authentikValues(stackWith({ cluster: { nodes } }));

    expect(values.server.replicas).toBe(replicas);
    expect(values.worker.replicas).toBe(replicas);
    expect(values.server.pdb).toEqual(pdb);
    expect(values.worker.pdb).toEqual(pdb);
  });

  it("runs restricted as a non-root user", () => {
    const values = authentikValues(stackWith());

    expect(values.global.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(values.server.containerSecurityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("mounts writable /tmp and /data only", () => {
    const { global } = authentikValues(stackWith());

    expect(global.volumeMounts).toEqual([
      { name: "tmp", mountPath: "/tmp" },
      { name: "data", mountPath: "/data" },
    ]);
    expect(global.volumes).toEqual([
      { name: "tmp", emptyDir: {} },
      { name: "data", emptyDir: {} },
    ]);
  });

  it("mounts blueprint ConfigMaps from extensions", () => {
    const values = authentikValues(stackWith(), {
      blueprintConfigMaps: ["authentik-blueprints"],
      env: [],
    });

    expect(values.blueprints.configMaps).toEqual(["authentik-blueprints"]);
  });

  it("uses the configured StorageClass", () => {
    const stack = stackWith({ cluster: { storageClassName: "fast" } });

    expect(authentikValues(stack).postgresql.primary.persistence).toEqual({
      enabled: true,
      size: "8Gi",
      storageClass: "fast",
    });
  });
});
