import { describe, expect, it } from "vitest";
import {
  contrastRatio,
  parseHexColour,
  relativeLuminance,
} from "./contrast.js";

describe("relativeLuminance", () => {
  it.each([
    { colour: "#000000", luminance: 0 },
    { colour: "#ffffff", luminance: 1 },
    { colour: "#ff0000", luminance: 0.2126 },
    { colour: "#00ff00", luminance: 0.7152 },
    { colour: "#0000ff", luminance: 0.0722 },
  ])("returns $luminance for $colour", ({ colour, luminance }) => {
    expect(relativeLuminance(colour)).toBeCloseTo(luminance, 4);
  });
});

describe("contrastRatio", () => {
  it.each([
    { first: "#000000", second: "#ffffff", ratio: 21 },
    { first: "#ffffff", second: "#ffffff", ratio: 1 },
    // Reference values from the WebAIM contrast checker.
    { first: "#767676", second: "#ffffff", ratio: 4.54 },
    { first: "#777777", second: "#ffffff", ratio: 4.48 },
  ])("returns $ratio for $first on $second", ({ first, second, ratio }) => {
    expect(contrastRatio(first, second)).toBeCloseTo(ratio, 2);
  });

  it("ignores argument order", () => {
    expect(contrastRatio("#282828", "#ebdbb2")).toBe(
      contrastRatio("#ebdbb2", "#282828"),
    );
  });
});

describe("parseHexColour", () => {
  it("reads the three channels", () => {
    expect(parseHexColour("#1A2b3C")).toEqual({ r: 26, g: 43, b: 60 });
  });

  it.each(["#fff", "#11223344", "112233", "#ggggggg", "red"])(
    "rejects %s",
    (colour) => {
      expect(() => parseHexColour(colour)).toThrow(/expected an opaque colour/);
    },
  );
});
