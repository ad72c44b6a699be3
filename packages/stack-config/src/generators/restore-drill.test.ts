import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { restoreCheckScript } from "./restore-drill-check.js";
import { drillClusterValues, generateRestoreDrill } from "./restore-drill.js";
import type { JsonObject, Manifest } from "./types.js";

const BACKUPS: NonNullable<StackConfig["backups"]> = {
  objectStore: {
    endpointURL: "https://s3.example.net",
    bucket: "backups",
    path: "/matrix/",
    region: "eu-west-1",
  },
};

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({
    serverName: "example.org",
    backups: BACKUPS,
    ...overrides,
  });
}

function drillValues(overrides: Partial<StackConfig> = {}) {
  const stack = stackWith(overrides);
  if (stack.backups === undefined) {
    throw new Error("no backups");
  }
  return drillClusterValues(stack, stack.backups);
}

function documentAt(manifests: Manifest[], path: string): JsonObject {
  const manifest = manifests.find((entry) => entry.path === path);
  if (manifest === undefined || !("document" in manifest)) {
    throw new Error(`no document at ${path}`);
  }
  return manifest.document;
}

describe("drillClusterValues", () => {
  it("recovers the source from its archive", () => {
    const values = drillValues();

    expect(values.mode).toBe("recovery");
    expect(values.fullnameOverride).toBe("matrix-postgres-drill");
    expect(values.recovery).toMatchObject({
      method: "plugin",
      clusterName: "matrix-postgres",
      destinationPath: "s3://backups/matrix/postgres/",
    });
  });

  it("archives nothing by default", () => {
    expect(drillValues().backups).toEqual({ enabled: false });
  });

  it("archives only to its own folder", () => {
    const values = drillValues({
      backups: { ...BACKUPS, restoreDrill: { archivePath: "/drill/" } },
    });

    expect(values.backups).toMatchObject({
      enabled: true,
      destinationPath: "s3://backups/drill/",
      scheduledBackups: [],
    });
  });

  it("bootstraps without initdb or roles", () => {
    const { cluster } = drillValues();

    expect(cluster.initdb).toBeUndefined();
    expect(cluster.roles).toEqual([]);
    expect(cluster.superuserSecret).toBe("matrix-postgres-drill-superuser");
  });
});

describe("generateRestoreDrill", () => {
  it("rejects a stack without backups", () => {
    const stack = resolveStack({ serverName: "example.org" });

    expect(() => generateRestoreDrill(stack)).toThrow(/backups.objectStore/);
  });

  it("gets its own Flux Kustomization after the apps", () => {
    const manifests = generateRestoreDrill(stackWith());
    const flux = documentAt(
      manifests,
      "clusters/production/restore-drill.yaml",
    );

    expect(flux.spec).toMatchObject({
      path: "./flux/drills/restore",
      dependsOn: [{ name: "apps" }],
      wait: true,
    });
  });

  it("lists every drill file in its kustomization", () => {
    const manifests = generateRestoreDrill(stackWith());
    const kustomization = documentAt(
      manifests,
      "drills/restore/kustomization.yaml",
    );
    const files = manifests
      .map((m) => m.path)
      .filter(
        (p) =>
          p.startsWith("drills/restore/") && !p.endsWith("/kustomization.yaml"),
      )
      .map((p) => p.slice("drills/restore/".length))
      .sort();

    expect(kustomization.resources).toEqual(files);
    expect(files).toContain("check-job.yaml");
    expect(files).toContain("cluster/helmrelease.yaml");
  });

  it("adds only the drill's own NetworkPolicies", () => {
    const names = generateRestoreDrill(stackWith())
      .filter((m) => m.path.includes("/network-policies/"))
      .map((m) => m.path.slice(m.path.lastIndexOf("/") + 1));

    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name).toMatch(/^restore-drill-allow-/);
    }
    expect(names).not.toContain("restore-drill-default-deny.yaml");
  });

  it("runs the check without an API token", () => {
    const job = documentAt(
      generateRestoreDrill(stackWith()),
      "drills/restore/check-job.yaml",
    );
    const template = (job.spec as JsonObject).template as JsonObject;

    expect((template.spec as JsonObject).automountServiceAccountToken).toBe(
      false,
    );
  });
});

describe("restoreCheckScript", () => {
  it.each([
    "check synapse synapse users",
    "check synapse synapse rooms",
    "check synapse synapse events",
    "check mas mas users",
    "check mas mas oauth2_sessions",
  ])("runs %s", (line) => {
    expect(restoreCheckScript()).toContain(line);
  });
});
