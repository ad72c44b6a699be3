import { describe, expect, it } from "vitest";
import { resolveStack } from "../config/resolve.js";
import type { JsonObject, Manifest } from "../generators/types.js";
import { namespaceManifest } from "./namespaces.js";
import { buildSkeleton, fluxPath, mergeDeclarations } from "./skeleton.js";
import { essChartSource, helmChartSource } from "./sources.js";

const stack = resolveStack({
  serverName: "example.org",
  cluster: { name: "edge" },
});

function byPath(manifests: Manifest[], path: string): JsonObject {
  const found = manifests.find((manifest) => manifest.path === path);
  if (found === undefined || !("document" in found)) {
    throw new Error(`no YAML manifest at ${path}`);
  }
  return found.document;
}

function configMap(path: string): Manifest {
  return {
    path,
    document: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } },
  };
}

describe("buildSkeleton", () => {
  it("writes both layer Kustomizations", () => {
    const tree = buildSkeleton(stack, []);
    const infrastructure = byPath(tree, "clusters/edge/infrastructure.yaml");
    const apps = byPath(tree, "clusters/edge/apps.yaml");

    expect(infrastructure.spec).toMatchObject({
      path: "./flux/infrastructure",
      prune: true,
      wait: true,
      sourceRef: { kind: "GitRepository", name: "flux-system" },
    });
    expect(apps.spec).toMatchObject({
      path: "./flux/apps",
      dependsOn: [{ name: "infrastructure" }, { name: "secrets" }],
    });
    expect(infrastructure.spec).not.toHaveProperty("decryption");
  });

  it("decrypts the Secrets in their own Kustomization", () => {
    const tree = buildSkeleton(stack, []);
    const secrets = byPath(tree, "clusters/edge/secrets.yaml");

    expect(secrets.spec).toMatchObject({
      path: "./flux/secrets",
      dependsOn: [{ name: "infrastructure" }],
      decryption: { provider: "sops", secretRef: { name: "sops-age" } },
    });
    expect(tree.map((manifest) => manifest.path)).not.toContain(
      "secrets/kustomization.yaml",
    );
  });

  it("omits the Secrets without declared Secrets", () => {
    const tree = buildSkeleton({ ...stack, secrets: {} }, []);
    const apps = byPath(tree, "clusters/edge/apps.yaml");

    expect(tree.map((manifest) => manifest.path)).not.toContain(
      "clusters/edge/secrets.yaml",
    );
    expect(apps.spec).toMatchObject({
      dependsOn: [{ name: "infrastructure" }],
    });
  });

  it("adds the SOPS decryption block on request", () => {
    const tree = buildSkeleton(stack, [], { sopsDecryption: true });
    const apps = byPath(tree, "clusters/edge/apps.yaml");

    expect(apps.spec).toMatchObject({
      decryption: { provider: "sops", secretRef: { name: "sops-age" } },
    });
  });

  it("keeps empty layers as empty kustomizations", () => {
    const tree = buildSkeleton(stack, []);

    expect(byPath(tree, "apps/kustomization.yaml").resources).toEqual([]);
    expect(byPath(tree, "infrastructure/kustomization.yaml").resources).toEqual(
      [],
    );
  });

  it("lists files and subfolders per folder", () => {
    const tree = buildSkeleton(stack, [
      configMap("apps/matrix/values.yaml"),
      configMap("apps/matrix/release.yaml"),
      configMap("apps/matrix/extra/one.yaml"),
      { path: "apps/matrix/README.md", text: "notes" },
      namespaceManifest("matrix", "restricted"),
    ]);

    expect(byPath(tree, "apps/kustomization.yaml").resources).toEqual([
      "matrix",
    ]);
    expect(byPath(tree, "apps/matrix/kustomization.yaml").resources).toEqual([
      "extra",
      "release.yaml",
      "values.yaml",
    ]);
    expect(
      byPath(tree, "infrastructure/kustomization.yaml").resources,
    ).toEqual(["namespaces"]);
  });

  it("writes no kustomization.yaml under clusters or at the root", () => {
    const paths = buildSkeleton(stack, [configMap("apps/a.yaml")]).map(
      (manifest) => manifest.path,
    );

    expect(paths).not.toContain("clusters/edge/kustomization.yaml");
    expect(paths).not.toContain("clusters/kustomization.yaml");
    expect(paths).not.toContain("kustomization.yaml");
  });

  it("keeps a generator's own kustomization.yaml", () => {
    const own: Manifest = {
      path: "apps/kustomization.yaml",
      document: { resources: ["a.yaml"], namePrefix: "x-" },
    };
    const tree = buildSkeleton(stack, [configMap("apps/a.yaml"), own]);
    const copies = tree.filter((m) => m.path === "apps/kustomization.yaml");

    expect(copies).toEqual([own]);
  });
});

describe("mergeDeclarations", () => {
  it("keeps one copy of a repeated source", () => {
    const grafana = helmChartSource(stack, "grafana", "alloy", "1.11.1");
    const merged = mergeDeclarations([
      grafana.manifest,
      essChartSource(stack).manifest,
      grafana.manifest,
    ]);

    expect(merged.map((m) => m.path)).toEqual([
      "infrastructure/sources/grafana.yaml",
      "infrastructure/sources/matrix-stack.yaml",
    ]);
  });

  it.each([
    ["restricted", "baseline", "baseline"],
    ["privileged", "restricted", "privileged"],
    ["baseline", "baseline", "baseline"],
  ] as const)("merges %s and %s into %s", (first, second, expected) => {
    const merged = mergeDeclarations([
      namespaceManifest("matrix", first),
      namespaceManifest("matrix", second),
    ]);

    expect(merged).toEqual([namespaceManifest("matrix", expected)]);
  });

  it("keeps two different sources at one path", () => {
    const source = essChartSource(stack).manifest;
    const other = essChartSource({
      ...stack,
      ess: { ...stack.ess, chartVersion: "26.8.1" },
    }).manifest;

    expect(mergeDeclarations([source, other])).toHaveLength(2);
  });

  it("leaves other repeated paths for the check", () => {
    const merged = mergeDeclarations([
      configMap("apps/a.yaml"),
      configMap("apps/a.yaml"),
    ]);

    expect(merged).toHaveLength(2);
  });
});

describe("fluxPath", () => {
  it.each([
    ["./flux", "apps", "./flux/apps"],
    ["flux", "apps", "./flux/apps"],
    ["./", "apps", "./apps"],
    ["./deploy/flux/", "infrastructure", "./deploy/flux/infrastructure"],
  ])("joins %s and %s", (root, folder, expected) => {
    const custom = { ...stack, flux: { ...stack.flux, path: root } };

    expect(fluxPath(custom, folder)).toBe(expected);
  });
});
