import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { essGlobalValues, generateEss } from "./ess.js";
import { masValues } from "./mas.js";
import { clusterValues, generatePostgres } from "./postgres.js";
import { synapseValues } from "./synapse.js";
import type { JsonObject, Manifest } from "./types.js";

const BACKUPS: StackConfig["backups"] = {
  objectStore: {
    endpointURL: "https://s3.example.net",
    bucket: "example-backups",
    path: "/matrix/",
    region: "eu-west-1",
  },
};

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

describe("generatePostgres", () => {
  it("emits nothing with the embedded PostgreSQL", () => {
    const stack = stackWith({ postgres: { mode: "embedded" } });

    expect(generatePostgres(stack)).toEqual([]);
  });

  it("puts the operator and plugin in infrastructure", () => {
    const stack = stackWith({ backups: BACKUPS });
    const paths = generatePostgres(stack).map((entry) => entry.path);

    expect(paths).toContain(
      "infrastructure/cloudnative-pg/operator/helmrelease.yaml",
    );
    expect(paths).toContain(
      "infrastructure/cloudnative-pg/plugin-barman-cloud/helmrelease.yaml",
    );
    expect(paths).toContain("apps/postgres/helmrelease.yaml");
  });

  it("leaves the plugin out without backups", () => {
    const paths = generatePostgres(stackWith()).map((entry) => entry.path);

    expect(paths).toContain(
      "infrastructure/cloudnative-pg/operator/helmrelease.yaml",
    );
    expect(paths.filter((path) => path.includes("barman"))).toEqual([]);
  });

  it("installs the plugin after the operator", () => {
    const manifests = generatePostgres(stackWith({ backups: BACKUPS }));
    const plugin = documentAt(
      manifests,
      "infrastructure/cloudnative-pg/plugin-barman-cloud/helmrelease.yaml",
    );

    expect((plugin.spec as JsonObject).dependsOn).toEqual([
      { name: "cloudnative-pg" },
    ]);
  });

  it("writes the cluster values into a ConfigMap", () => {
    const stack = stackWith();
    const configMap = documentAt(
      generatePostgres(stack),
      "apps/postgres/values.yaml",
    );
    const data = configMap.data as Record<string, string>;

    expect(parse(data["values.yaml"] as string)).toEqual(clusterValues(stack));
  });
});

describe("clusterValues", () => {
  it("creates synapse with C collation from template0", () => {
    const values = clusterValues(stackWith());

    expect(values.databases).toContainEqual({
      name: "synapse",
      owner: "synapse",
      template: "template0",
      encoding: "UTF8",
      localeCollate: "C",
      localeCType: "C",
      databaseReclaimPolicy: "retain",
    });
    expect(values.databases.map((database) => database.name)).toEqual([
      "synapse",
      "mas",
    ]);
  });

  it("runs one instance without a PDB by default", () => {
    const values = clusterValues(stackWith());

    expect(values.cluster.instances).toBe(1);
    expect(values.cluster.enablePDB).toBe(false);
  });

  it("adds a PDB for several instances on several nodes", () => {
    const stack = stackWith({
      postgres: { instances: 3 },
      cluster: { nodes: 3 },
    });

    expect(clusterValues(stack).cluster.enablePDB).toBe(true);
  });

  it("takes storage and resources from the config", () => {
    const stack = stackWith({
      postgres: {
        storageSize: "80Gi",
        resources: { limits: { memory: "4Gi" } },
      },
    });
    const { cluster } = clusterValues(stack);

    expect(cluster.storage).toEqual({ size: "80Gi" });
    expect(cluster.resources).toEqual({
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { memory: "4Gi" },
    });
  });

  it("turns backups off without an object store", () => {
    expect(clusterValues(stackWith()).backups).toEqual({ enabled: false });
  });

  it("archives to the bucket through the plugin", () => {
    const { backups } = clusterValues(stackWith({ backups: BACKUPS }));

    expect(backups).toMatchObject({
      enabled: true,
      method: "plugin",
      pluginConfiguration: { name: "barman-cloud.cloudnative-pg.io" },
      endpointURL: "https://s3.example.net",
      destinationPath: "s3://example-backups/matrix/postgres/",
      retentionPolicy: "30d",
      secret: { create: false, name: "backup-s3-credentials" },
    });
  });

  it("schedules one daily backup", () => {
    const values = clusterValues(stackWith({ backups: BACKUPS }));
    const backups = values.backups as { scheduledBackups: unknown[] };

    expect(backups.scheduledBackups).toEqual([
      {
        name: "daily",
        schedule: "0 0 3 * * *",
        backupOwnerReference: "self",
        method: "plugin",
        pluginConfiguration: { name: "barman-cloud.cloudnative-pg.io" },
      },
    ]);
  });
});

describe("ESS on the CloudNativePG cluster", () => {
  it("points Synapse at its database", () => {
    const values = synapseValues(stackWith()) as { postgres?: unknown };

    expect(values.postgres).toEqual({
      host: "matrix-postgres-rw.matrix.svc.cluster.local",
      port: 5432,
      user: "synapse",
      database: "synapse",
      sslMode: "require",
      password: { secret: "matrix-postgres-synapse", secretKey: "password" },
    });
  });

  it("points MAS at its database", () => {
    const values = masValues(stackWith()) as { postgres?: unknown };

    expect(values.postgres).toMatchObject({
      user: "mas",
      database: "mas",
      password: { secret: "matrix-postgres-mas", secretKey: "password" },
    });
  });

  it("switches the embedded PostgreSQL off", () => {
    expect(essGlobalValues(stackWith()).postgres).toEqual({ enabled: false });
  });

  it("waits for the cluster before installing ESS", () => {
    const release = documentAt(
      generateEss(stackWith()),
      "apps/ess/helmrelease.yaml",
    );

    expect((release.spec as JsonObject).dependsOn).toEqual([
      { name: "matrix-postgres" },
    ]);
  });

  it("keeps ESS on the embedded one while migrating", () => {
    const stack = stackWith({ postgres: { mode: "migrating" } });

    expect(generatePostgres(stack)).not.toEqual([]);
    expect(
      (synapseValues(stack) as { postgres?: unknown }).postgres,
    ).toBeUndefined();
    expect(essGlobalValues(stack).postgres).toMatchObject({ enabled: true });
  });
});
