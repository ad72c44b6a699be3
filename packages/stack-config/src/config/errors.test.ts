import { describe, expect, it } from "vitest";
import {
  ConfigLoadError,
  ConfigValidationError,
  formatIssues,
  formatValue,
  isSensitivePath,
  redactIssue,
  REDACTED,
  type ConfigIssue,
} from "./errors.js";

const releaseName: ConfigIssue = {
  severity: "error",
  path: "ess.releaseName",
  value: "Ess",
  message: "is not a valid DNS label",
  allowed: "a DNS-1123 label",
  fix: "use only lower-case letters, digits and '-', such as \"ess\"",
  rule: "release-name",
};

const syntax: ConfigIssue = {
  severity: "error",
  path: "",
  value: undefined,
  message: "invalid YAML: Map keys must be unique",
  allowed: "one YAML 1.2 document",
  fix: "correct the YAML at that line",
  rule: "load",
  line: 4,
  column: 3,
};

const remoteRoom: ConfigIssue = {
  severity: "warning",
  path: "policies.autoJoinRooms.rooms[1]",
  value: "#news:example.net",
  message: "is on another server (example.net)",
  allowed: "a room alias",
  fix: "use an alias on example.org",
  rule: "auto-join-rooms",
};

describe("formatIssues", () => {
  it("prints file, path, value, allowed and fix", () => {
    expect(formatIssues([releaseName, remoteRoom], "stack.yaml")).toBe(
      [
        "error: stack.yaml: ess.releaseName: is not a valid DNS label [release-name]",
        '  received: "Ess"',
        "  allowed:  a DNS-1123 label",
        "  fix:      use only lower-case letters, digits and '-', such as \"ess\"",
        "",
        "warning: stack.yaml: policies.autoJoinRooms.rooms[1]: is on another server (example.net) [auto-join-rooms]",
        '  received: "#news:example.net"',
        "  allowed:  a room alias",
        "  fix:      use an alias on example.org",
        "",
        "stack.yaml: 1 error, 1 warning",
        "",
      ].join("\n"),
    );
  });

  it("prints line and column of a load issue", () => {
    const text = formatIssues([syntax], "stack.yaml");

    expect(text.split("\n")[0]).toBe(
      "error: stack.yaml:4:3: invalid YAML: Map keys must be unique [load]",
    );
    expect(text).toContain("  received: (not set)\n");
  });

  it("counts in the plural", () => {
    const text = formatIssues([releaseName, releaseName], "a.ts");

    expect(text.endsWith("a.ts: 2 errors, 0 warnings\n")).toBe(true);
  });
});

describe("formatValue", () => {
  it.each([
    { name: "string", value: "x", expected: '"x"' },
    { name: "number", value: 30001, expected: "30001" },
    {
      name: "object",
      value: { start: 1, end: 2 },
      expected: '{"start":1,"end":2}',
    },
    { name: "missing", value: undefined, expected: "(not set)" },
    { name: "null", value: null, expected: "null" },
    { name: "redacted", value: REDACTED, expected: "(redacted)" },
  ])("renders $name", ({ value, expected }) => {
    expect(formatValue(value)).toBe(expected);
  });

  it("prints a BigInt without throwing", () => {
    expect(formatValue(10n)).toBe("(bigint that cannot be printed as JSON)");
  });

  it("shortens long values", () => {
    const text = formatValue("a".repeat(200));

    expect(text).toHaveLength(72);
    expect(text.endsWith("...")).toBe(true);
  });
});

describe("ConfigValidationError", () => {
  it("carries the issues and the file", () => {
    const error = new ConfigValidationError([releaseName], "stack.yaml");

    expect(error.issues).toEqual([releaseName]);
    expect(error.configFile).toBe("stack.yaml");
    expect(error.message).toBe(formatIssues([releaseName], "stack.yaml"));
  });

  it("is the base of ConfigLoadError", () => {
    const error = new ConfigLoadError(syntax, "stack.yaml");

    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.name).toBe("ConfigLoadError");
    expect(error.issues).toEqual([syntax]);
  });
});

describe("redactIssue", () => {
  it.each([
    { path: "sso.clientSecret", sensitive: true },
    { path: "sso.clientSecret.value", sensitive: true },
    { path: "database.password", sensitive: true },
    { path: "authentik.bootstrapToken", sensitive: true },
    { path: "ess.releaseName", sensitive: false },
    { path: "policies.autoJoinRooms.rooms[0]", sensitive: false },
  ])("treats $path as sensitive: $sensitive", ({ path, sensitive }) => {
    expect(isSensitivePath(path)).toBe(sensitive);
  });

  it("hides the value of a sensitive path", () => {
    const issue = {
      ...releaseName,
      path: "sso.clientSecret",
      value: "hunter2",
    };

    expect(redactIssue(issue).value).toBe(REDACTED);
    expect(formatIssues([redactIssue(issue)], "a.yaml")).not.toContain(
      "hunter2",
    );
  });

  it("hides values inside listed secret paths", () => {
    const issue = { ...releaseName, path: "sso.extra", value: "x" };

    expect(redactIssue(issue, ["sso.extra"]).value).toBe(REDACTED);
    expect(redactIssue(issue).value).toBe("x");
  });

  it("keeps a missing value missing", () => {
    const issue = {
      ...releaseName,
      path: "sso.clientSecret",
      value: undefined,
    };

    expect(redactIssue(issue).value).toBeUndefined();
  });
});
