import { describe, expect, it } from "vitest";
import {
  comparePaths,
  findCycle,
  joinPath,
  pathsOverlap,
  pointerToPath,
  valueAtPath,
  valueAtPointer,
} from "./paths.js";

const data = {
  ess: { matrixRTC: { sfu: { manualIP: "10.0.0.7" } } },
  policies: { autoJoinRooms: { rooms: ["#a:x.org", "#b:x.org"] } },
  labels: { "0": "zero", "app.kubernetes.io/name": "x" },
};

describe("pointerToPath", () => {
  it.each([
    { pointer: "", path: "" },
    {
      pointer: "/ess/matrixRTC/sfu/manualIP",
      path: "ess.matrixRTC.sfu.manualIP",
    },
    {
      pointer: "/policies/autoJoinRooms/rooms/1",
      path: "policies.autoJoinRooms.rooms[1]",
    },
    { pointer: "/labels/0", path: 'labels["0"]' },
    {
      pointer: "/labels/app.kubernetes.io~1name",
      path: 'labels["app.kubernetes.io/name"]',
    },
  ])("converts $pointer", ({ pointer, path }) => {
    expect(pointerToPath(pointer, data)).toBe(path);
  });
});

describe("valueAtPointer", () => {
  it("reads array items and escaped keys", () => {
    expect(valueAtPointer(data, "/policies/autoJoinRooms/rooms/1")).toBe(
      "#b:x.org",
    );
    expect(valueAtPointer(data, "/labels/app.kubernetes.io~1name")).toBe("x");
  });

  it("returns undefined below a scalar", () => {
    expect(
      valueAtPointer(data, "/ess/matrixRTC/sfu/manualIP/x"),
    ).toBeUndefined();
  });
});

describe("valueAtPath", () => {
  it("reads a dotted path", () => {
    expect(valueAtPath(data, "ess.matrixRTC.sfu.manualIP")).toBe("10.0.0.7");
    expect(valueAtPath(data, "ess.missing.key")).toBeUndefined();
  });
});

describe("joinPath", () => {
  it("quotes keys that are not identifiers", () => {
    expect(joinPath("", "serverName")).toBe("serverName");
    expect(joinPath("hosts", "synapse")).toBe("hosts.synapse");
    expect(joinPath("a", "b c")).toBe('a["b c"]');
  });
});

describe("comparePaths", () => {
  it("orders indexes numerically", () => {
    const paths = ["rooms[10]", "rooms[2]", "coturn.port", "brand", "rooms"];

    expect([...paths].sort(comparePaths)).toEqual([
      "brand",
      "coturn.port",
      "rooms",
      "rooms[2]",
      "rooms[10]",
    ]);
  });
});

describe("pathsOverlap", () => {
  it.each([
    { a: "coturn.port", b: "coturn", overlap: true },
    { a: "coturn", b: "coturn.relayPortRange.start", overlap: true },
    { a: "", b: "cluster", overlap: true },
    { a: "rooms[1]", b: "rooms", overlap: true },
    { a: "coturnX", b: "coturn", overlap: false },
    { a: "cluster.nodes", b: "cluster.publicIP", overlap: false },
  ])("$a and $b: $overlap", ({ a, b, overlap }) => {
    expect(pathsOverlap(a, b)).toBe(overlap);
  });
});

describe("findCycle", () => {
  it("finds a value that contains its parent", () => {
    const parent: Record<string, unknown> = { a: [1, 2] };
    parent.b = { back: parent };

    expect(findCycle(parent)).toBe("b.back");
  });

  it("accepts a value shared by two keys", () => {
    const shared = { port: 1 };

    expect(findCycle({ a: shared, b: [shared] })).toBeUndefined();
  });
});
