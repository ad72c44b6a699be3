import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import type { ConfigIssue } from "./errors.js";
import {
  attachLocations,
  collectLocations,
  locate,
  withLocation,
} from "./locations.js";

const YAML = [
  "serverName: example.org",
  "coturn:",
  "  port: 3478",
  "policies:",
  "  autoJoinRooms:",
  "    rooms:",
  '      - "#a:example.org"',
  '      - "#b:example.org"',
  "",
].join("\n");

function loaded(text: string): unknown {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const config = document.toJS() as unknown;
  attachLocations(config, collectLocations(document.contents, lines));
  return config;
}

describe("collectLocations", () => {
  it("records keys and list items", () => {
    const lines = new LineCounter();
    const document = parseDocument(YAML, { lineCounter: lines });
    const locations = collectLocations(document.contents, lines);

    expect(locations.get("serverName")).toEqual({ line: 1, column: 1 });
    expect(locations.get("coturn.port")).toEqual({ line: 3, column: 3 });
    expect(locations.get("policies.autoJoinRooms.rooms[1]")).toEqual({
      line: 8,
      column: 9,
    });
  });
});

describe("locate", () => {
  const config = loaded(YAML);

  it("finds a written key", () => {
    expect(locate(config, "coturn.port")).toEqual({ line: 3, column: 3 });
  });

  it("falls back to the nearest written parent", () => {
    expect(locate(config, "coturn.tlsPort")).toEqual({ line: 2, column: 1 });
  });

  it("finds nothing for an unwritten section", () => {
    expect(locate(config, "monitoring.lokiUrl")).toBeUndefined();
  });

  it("finds nothing without recorded locations", () => {
    expect(locate({ coturn: { port: 1 } }, "coturn.port")).toBeUndefined();
  });

  it("hides the map from keys and JSON", () => {
    expect(Object.keys(config as object)).toEqual([
      "serverName",
      "coturn",
      "policies",
    ]);
    expect(JSON.stringify(config)).not.toContain("line");
  });
});

describe("withLocation", () => {
  const issue: ConfigIssue = {
    severity: "error",
    path: "coturn.port",
    value: 3478,
    message: "m",
    allowed: "a",
    fix: "f",
    rule: "r",
  };

  it("adds the line and column", () => {
    expect(withLocation(issue, loaded(YAML))).toMatchObject({
      line: 3,
      column: 3,
    });
  });

  it("keeps a location the issue has", () => {
    const located = { ...issue, line: 9, column: 9 };

    expect(withLocation(located, loaded(YAML))).toBe(located);
  });
});
