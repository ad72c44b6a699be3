import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "./suggest.js";

describe("editDistance", () => {
  it.each([
    { a: "coturn", b: "coturn", distance: 0 },
    { a: "coturnn", b: "coturn", distance: 1 },
    { a: "kitten", b: "sitting", distance: 3 },
    { a: "", b: "abc", distance: 3 },
  ])("$a to $b is $distance", ({ a, b, distance }) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe("closestMatch", () => {
  const keys = ["serverName", "brand", "hosts", "coturn", "monitoring"];

  it.each([
    { word: "coturnn", match: "coturn" },
    { word: "ServerName", match: "serverName" },
    { word: "monitorng", match: "monitoring" },
    { word: "host", match: "hosts" },
    { word: "matrix", match: undefined },
    { word: "b", match: undefined },
  ])("$word suggests $match", ({ word, match }) => {
    expect(closestMatch(word, keys)).toBe(match);
  });

  it("prefers the longer shared prefix on a tie", () => {
    expect(closestMatch("26.8.0", ["26.4.0", "26.8.1"])).toBe("26.8.1");
  });
});
