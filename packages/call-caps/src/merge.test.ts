import { describe, expect, it } from "vitest";
import { mergeCaps } from "./merge.js";
import { PROFILES, resolveCaps } from "./profiles.js";

describe("mergeCaps", () => {
  const base = PROFILES.balanced;

  it("keeps the base when the document is empty", () => {
    expect(mergeCaps(base, {})).toEqual(base);
  });

  it.each([
    { field: "maxWidth", lower: 320, higher: 4000 },
    { field: "maxHeight", lower: 180, higher: 2160 },
    { field: "maxFramerate", lower: 10, higher: 60 },
    { field: "maxBitrate", lower: 200_000, higher: 9_000_000 },
    { field: "simulcastLayers", lower: 1, higher: 3 },
  ] as const)("takes the lower $field", ({ field, lower, higher }) => {
    const stricter = mergeCaps(base, { camera: { [field]: lower } });
    const looser = mergeCaps(base, { screenShare: { [field]: higher } });

    expect(stricter.camera[field]).toBe(lower);
    expect(looser.screenShare[field]).toBe(base.screenShare[field]);
  });

  it("takes the lower audio bitrate", () => {
    expect(mergeCaps(base, { audio: { maxBitrate: 16_000 } }).audio).toEqual({
      maxBitrate: 16_000,
      dtx: true,
    });
    expect(
      mergeCaps(base, { audio: { maxBitrate: 128_000 } }).audio.maxBitrate,
    ).toBe(base.audio.maxBitrate);
  });

  it.each([
    { base: false, document: true, merged: true },
    { base: true, document: false, merged: true },
    { base: false, document: undefined, merged: false },
    { base: false, document: false, merged: false },
  ])("DTX $base with $document gives $merged", (row) => {
    const caps = resolveCaps("low", { audio: { dtx: row.base } });

    expect(mergeCaps(caps, { audio: { dtx: row.document } }).audio.dtx).toBe(
      row.merged,
    );
  });

  it("lets the document choose the codec", () => {
    expect(mergeCaps(base, { videoCodec: "h264" }).videoCodec).toBe("h264");
    expect(mergeCaps(base, {}).videoCodec).toBe(base.videoCodec);
  });
});

describe("resolveCaps", () => {
  it("returns the profile without overrides", () => {
    expect(resolveCaps("low")).toEqual(PROFILES.low);
  });

  it("lets explicit values raise or lower a profile field", () => {
    const caps = resolveCaps("low", {
      camera: { maxBitrate: 500_000, maxFramerate: undefined },
      audio: { dtx: false },
      videoCodec: "vp9",
    });

    expect(caps.camera.maxBitrate).toBe(500_000);
    expect(caps.camera.maxFramerate).toBe(PROFILES.low.camera.maxFramerate);
    expect(caps.audio).toEqual({ maxBitrate: 24_000, dtx: false });
    expect(caps.videoCodec).toBe("vp9");
  });

  it("does not change the profile table", () => {
    resolveCaps("high", { camera: { maxHeight: 180 } });

    expect(PROFILES.high.camera.maxHeight).toBe(720);
  });
});
