import { describe, expect, it } from "vitest";
import type { ConfigIssue } from "./errors.js";
import type { ConfigRule } from "./rules.js";
import { validateConfig } from "./validate.js";

/**
 * The repository's own config, imported through Vitest so that its import
 * of this package resolves to the sources. A computed specifier keeps it
 * out of the package's type check, whose root is `src/`.
 */
const STACK_CONFIG = new URL("../../../../stack.config.ts", import.meta.url)
  .href;

/** A config that passes every rule, to change one key at a time. */
const VALID = {
  serverName: "example.org",
  cluster: { publicIP: "198.18.0.10" },
  monitoring: {
    prometheusUrl: "http://prometheus.example.org:9090",
    lokiUrl: "http://loki.example.org:3100",
  },
};

function only(issues: ConfigIssue[]): ConfigIssue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe("validateConfig", () => {
  it("accepts a valid config", () => {
    const result = validateConfig(VALID);

    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.config).toBe(VALID);
  });

  it("accepts the default stack.config.ts", async () => {
    const stack = ((await import(STACK_CONFIG)) as { default: unknown })
      .default;
    const result = validateConfig(stack);

    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("returns no config when there are errors", () => {
    const result = validateConfig({ ...VALID, serverName: "Example.org" });

    expect(result.config).toBeUndefined();
    expect(only(result.errors).rule).toBe("dns-names");
  });

  it("returns the config with only warnings", () => {
    const config = {
      ...VALID,
      policies: { autoJoinRooms: { rooms: ["#news:example.net"] } },
    };
    const result = validateConfig(config);

    expect(result.config).toBe(config);
    expect(only(result.warnings).rule).toBe("auto-join-rooms");
  });
});

describe("validateConfig schema layer", () => {
  it.each([
    {
      name: "unknown key with a typo",
      config: { ...VALID, coturnn: {} },
      expected: {
        path: "coturnn",
        message: 'unknown key "coturnn"',
        fix: 'rename "coturnn" to "coturn"',
      },
    },
    {
      name: "misplaced key",
      config: { ...VALID, ess: { matrixRTC: { manualIP: "198.18.0.10" } } },
      expected: {
        path: "ess.matrixRTC.manualIP",
        message: 'unknown key "manualIP"',
        fix: 'move "manualIP" to ess.matrixRTC.sfu.manualIP',
      },
    },
    {
      name: "number in quotes",
      config: { ...VALID, coturn: { port: "3478" } },
      expected: {
        path: "coturn.port",
        message: "must be an integer, not a string",
        fix: "write 3478 without quotes",
      },
    },
    {
      name: "enum value",
      config: { ...VALID, ess: { chartVersion: "26.8.0" } },
      expected: {
        path: "ess.chartVersion",
        message: "is not an allowed value",
        allowed: 'one of "26.4.0", "26.8.1"',
        fix: 'change it to "26.8.1"',
      },
    },
    {
      name: "missing server name",
      config: { cluster: VALID.cluster, monitoring: { enabled: false } },
      expected: {
        path: "serverName",
        message: 'required key "serverName" is missing',
        fix: 'add serverName, such as serverName: "axion1337.chat"',
      },
    },
    {
      name: "below the minimum",
      config: { ...VALID, cluster: { ...VALID.cluster, nodes: 0 } },
      expected: {
        path: "cluster.nodes",
        message: "is below the minimum of 1",
        allowed: "an integer of at least 1, such as 1",
      },
    },
    {
      name: "array item",
      config: {
        ...VALID,
        policies: {
          roomDirectory: {
            publicationRules: [{ action: "allow" }, { action: "block" }],
          },
        },
      },
      expected: {
        path: "policies.roomDirectory.publicationRules[1].action",
        message: "is not an allowed value",
        allowed: 'one of "allow", "deny"',
      },
    },
    {
      name: "list as the whole config",
      config: [VALID],
      expected: {
        path: "",
        message: "the config must be an object of keys, not a list",
      },
    },
  ])("reports $name", ({ config, expected }) => {
    const issue = only(validateConfig(config).errors);

    expect(issue).toMatchObject({
      ...expected,
      severity: "error",
      rule: "schema",
    });
  });
});

describe("validateConfig rule layer", () => {
  it("skips rules whose input the schema rejected", () => {
    const config = {
      ...VALID,
      coturn: { port: "3478", relayPortRange: { start: 30000, end: 30010 } },
    };
    const rules = validateConfig(config).errors.map((issue) => issue.rule);

    expect(rules).toEqual(["schema"]);
  });

  it("runs rules that read other parts", () => {
    const config = {
      ...VALID,
      serverName: "Example.org",
      coturn: { port: "x" },
    };
    const rules = validateConfig(config).errors.map((issue) => issue.rule);

    expect(rules).toEqual(["schema", "dns-names"]);
  });

  it("sorts issues by path", () => {
    const config = {
      ...VALID,
      serverName: "Example.org",
      brand: 7,
      coturn: { credentialLifetime: "1 day" },
    };
    const paths = validateConfig(config).errors.map((issue) => issue.path);

    expect(paths).toEqual(["brand", "coturn.credentialLifetime", "serverName"]);
  });

  it("reports a rule that throws as an issue", () => {
    const broken: ConfigRule = {
      name: "broken",
      description: "Throws.",
      reads: [],
      check: () => {
        throw new Error("boom");
      },
    };
    const issue = only(validateConfig(VALID, [broken]).errors);

    expect(issue.rule).toBe("broken");
    expect(issue.message).toBe("rule broken failed: Error: boom");
  });

  it("never throws on hostile input", () => {
    const hostile = {
      get serverName(): string {
        throw new Error("getter");
      },
    };
    const result = validateConfig(hostile);

    expect(only(result.errors).rule).toBe("internal");
  });
});
