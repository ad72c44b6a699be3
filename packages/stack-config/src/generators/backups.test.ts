import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import {
  generateBackups,
  mediaBackupScript,
  mediaRepository,
} from "./backups.js";
import type { JsonObject } from "./types.js";

const BACKUPS: NonNullable<StackConfig["backups"]> = {
  objectStore: {
    endpointURL: "https://s3.example.net/",
    bucket: "backups",
    path: "/matrix/",
    region: "eu-west-1",
  },
  media: { keepDaily: 14, keepMonthly: 3, schedule: "15 2 * * *" },
};

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

function cronJob(overrides: Partial<StackConfig> = {}): JsonObject {
  const [manifest] = generateBackups(stackWith(overrides));
  if (manifest === undefined || !("document" in manifest)) {
    throw new Error("no media backup CronJob");
  }
  return manifest.document;
}

function podSpec(job: JsonObject): JsonObject {
  const spec = job.spec as JsonObject;
  const jobSpec = (spec.jobTemplate as JsonObject).spec as JsonObject;
  return (jobSpec.template as JsonObject).spec as JsonObject;
}

describe("generateBackups", () => {
  it("emits nothing without an object store", () => {
    expect(generateBackups(stackWith())).toEqual([]);
  });

  it("emits nothing with media backups off", () => {
    const backups = { ...BACKUPS, media: { enabled: false } };

    expect(generateBackups(stackWith({ backups }))).toEqual([]);
  });

  it("runs on the configured schedule, one at a time", () => {
    const spec = cronJob({ backups: BACKUPS }).spec as JsonObject;

    expect(spec.schedule).toBe("15 2 * * *");
    expect(spec.concurrencyPolicy).toBe("Forbid");
  });

  it("runs restricted without a token", () => {
    const pod = podSpec(cronJob({ backups: BACKUPS }));
    const [container] = pod.containers as JsonObject[];

    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
  });

  it("mounts the media volume read-only", () => {
    const pod = podSpec(cronJob({ backups: BACKUPS }));

    expect(pod.volumes).toContainEqual({
      name: "media",
      persistentVolumeClaim: { claimName: "ess-synapse-media", readOnly: true },
    });
  });
});

describe("mediaRepository", () => {
  it("puts the repository under the media folder", () => {
    const backups = stackWith({ backups: BACKUPS }).backups;

    expect(backups && mediaRepository(backups)).toBe(
      "s3:https://s3.example.net/backups/matrix/media",
    );
  });
});

describe("mediaBackupScript", () => {
  it("applies the configured retention", () => {
    const backups = stackWith({ backups: BACKUPS }).backups;
    const script = backups ? mediaBackupScript(backups) : "";

    expect(script).toContain("--keep-daily 14 --keep-monthly 3");
    expect(script).toContain("restic backup");
    expect(script.startsWith("set -eu\n")).toBe(true);
  });
});
