import { describe, expect, it } from "vitest";
import type { StackConfig } from "../model.js";
import {
  apiServerCidrsRule,
  backupSettingsRule,
  federationAllowlistRule,
  podSecurityLevelsRule,
  restoreDrillRule,
} from "./hardening.js";

const BASE: StackConfig = {
  serverName: "example.test",
  monitoring: { enabled: false },
};

const OBJECT_STORE = {
  endpointURL: "https://s3.example.net",
  bucket: "backups",
  path: "/matrix/",
  region: "eu-west-1",
};

function withAllowlist(allowlist: string[]): StackConfig {
  return { ...BASE, policies: { federation: { allowlist } } };
}

describe("federationAllowlistRule", () => {
  it("accepts open federation", () => {
    expect(federationAllowlistRule.check(BASE)).toEqual([]);
  });

  it("rejects an empty allowlist", () => {
    const issues = federationAllowlistRule.check(withAllowlist([]));

    expect(issues).toHaveLength(1);
    expect(issues[0]?.severity).toBeUndefined();
    expect(issues[0]?.message).toMatch(/is empty/);
  });

  it("warns what an allowlist closes", () => {
    const issues = federationAllowlistRule.check(
      withAllowlist(["matrix.org", "a.example", "b.example", "c.example"]),
    );

    expect(issues).toHaveLength(1);
    expect(issues[0]?.severity).toBe("warning");
    expect(issues[0]?.message).toMatch(
      /every server except matrix.org, a.example, b.example and 1 more/,
    );
  });

  it("rejects an entry that is no server name", () => {
    const issues = federationAllowlistRule.check(
      withAllowlist(["https://matrix.org"]),
    );

    expect(issues[0]?.path).toBe("policies.federation.allowlist.0");
    expect(issues[0]?.severity).toBeUndefined();
  });
});

describe("podSecurityLevelsRule", () => {
  const levels = (
    entries: NonNullable<NonNullable<StackConfig["podSecurity"]>["levels"]>,
  ) =>
    podSecurityLevelsRule.check({ ...BASE, podSecurity: { levels: entries } });

  it.each([
    { name: "coturn restricted", workload: "coturn", level: "restricted" },
    { name: "coturn baseline", workload: "coturn", level: "baseline" },
  ] as const)("rejects $name", ({ workload, level }) => {
    const issues = levels([{ workload, level }]);

    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("podSecurity.levels.0.level");
    expect(issues[0]?.allowed).toBe('"privileged"');
  });

  it("accepts a relaxed level", () => {
    expect(levels([{ workload: "element-web", level: "baseline" }])).toEqual(
      [],
    );
  });

  it("rejects an unknown workload", () => {
    const issues = levels([{ workload: "nginx", level: "restricted" }]);

    expect(issues[0]?.path).toBe("podSecurity.levels.0.workload");
    expect(issues[0]?.allowed).toContain("element-web");
  });
});

describe("restoreDrillRule", () => {
  const drill = (restoreDrill: object): StackConfig => ({
    ...BASE,
    backups: { objectStore: OBJECT_STORE, restoreDrill },
  });

  it.each([
    { name: "the source folder", archivePath: "/matrix/postgres/" },
    { name: "a folder inside it", archivePath: "/matrix/postgres/x/" },
    { name: "its parent", archivePath: "/matrix/" },
    { name: "the media folder", archivePath: "/matrix/media/" },
  ])("rejects archiving to $name", ({ archivePath }) => {
    const issues = restoreDrillRule.check(drill({ archivePath }));

    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("backups.restoreDrill.archivePath");
  });

  it("accepts a separate folder", () => {
    expect(restoreDrillRule.check(drill({ archivePath: "/drill/" }))).toEqual(
      [],
    );
  });

  it("rejects the source's server name", () => {
    const issues = restoreDrillRule.check(
      drill({ serverName: "matrix-postgres" }),
    );

    expect(issues[0]?.path).toBe("backups.restoreDrill.serverName");
  });
});

describe("backupSettingsRule", () => {
  const withBackups = (backups: object): StackConfig => ({
    ...BASE,
    backups: { objectStore: OBJECT_STORE, ...backups },
  });

  it("accepts the defaults", () => {
    expect(backupSettingsRule.check(withBackups({}))).toEqual([]);
  });

  it.each([
    {
      name: "five-field database schedule",
      backups: { databaseSchedule: "0 3 * * *" },
      path: "backups.databaseSchedule",
    },
    {
      name: "six-field media schedule",
      backups: { media: { schedule: "0 30 3 * * *" } },
      path: "backups.media.schedule",
    },
    {
      name: "upper-case bucket",
      backups: { objectStore: { ...OBJECT_STORE, bucket: "Backups" } },
      path: "backups.objectStore.bucket",
    },
  ])("rejects a $name", ({ backups, path }) => {
    const issues = backupSettingsRule.check(withBackups(backups));

    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
  });
});

describe("apiServerCidrsRule", () => {
  const withCidrs = (apiServerCIDRs: string[]): StackConfig => ({
    ...BASE,
    network: { apiServerCIDRs },
  });

  it("accepts an address with a prefix", () => {
    expect(apiServerCidrsRule.check(withCidrs(["192.0.2.10/32"]))).toEqual([]);
  });

  it.each(["192.0.2.10", "192.0.2.300/32", "2001:db8::1/128"])(
    "rejects %s",
    (cidr) => {
      const issues = apiServerCidrsRule.check(withCidrs([cidr]));

      expect(issues[0]?.path).toBe("network.apiServerCIDRs.0");
    },
  );
});
