import { PROFILES, type VideoCaps } from "@axion-stack/call-caps";
import { describe, expect, it } from "vitest";
import {
  clampAudioEncodings,
  clampVideoEncodings,
  limitLayers,
  minimumScale,
} from "./clamp.js";

const CAPS: VideoCaps = {
  maxWidth: 640,
  maxHeight: 360,
  maxFramerate: 15,
  maxBitrate: 300_000,
  simulcastLayers: 2,
};

/** LiveKit's three camera layers for a 720p track. */
const SIMULCAST = [
  { rid: "q", active: true, maxBitrate: 150_000, scaleResolutionDownBy: 4 },
  { rid: "h", active: true, maxBitrate: 500_000, scaleResolutionDownBy: 2 },
  { rid: "f", active: false, maxBitrate: 1_700_000, maxFramerate: 30 },
];

describe("clampVideoEncodings", () => {
  it("fills limits that the app left unset", () => {
    expect(clampVideoEncodings([{}], CAPS)).toEqual([
      { maxBitrate: 300_000, maxFramerate: 15, scaleResolutionDownBy: 1 },
    ]);
  });

  it("keeps lower requests", () => {
    const [encoding] = clampVideoEncodings(
      [{ maxBitrate: 100_000, maxFramerate: 5, scaleResolutionDownBy: 3 }],
      CAPS,
    );

    expect(encoding).toEqual({
      maxBitrate: 100_000,
      maxFramerate: 5,
      scaleResolutionDownBy: 3,
    });
  });

  it("lowers a request above the caps", () => {
    const [encoding] = clampVideoEncodings(
      [{ maxBitrate: 2_000_000, maxFramerate: 30, scaleResolutionDownBy: 1 }],
      CAPS,
      { width: 1280, height: 720 },
    );

    expect(encoding!.maxBitrate).toBe(300_000);
    expect(encoding!.maxFramerate).toBe(15);
    expect(encoding!.scaleResolutionDownBy).toBe(2);
  });

  it("keeps rid, active and layer order", () => {
    const clamped = clampVideoEncodings(SIMULCAST, CAPS);

    expect(clamped.map((encoding) => encoding.rid)).toEqual(["q", "h", "f"]);
    expect(clamped.map((encoding) => encoding.active)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("fits active layers into the bitrate cap", () => {
    const clamped = clampVideoEncodings(SIMULCAST, CAPS);
    const active = clamped.filter((encoding) => encoding.active);
    const total = active.reduce((sum, e) => sum + e.maxBitrate!, 0);

    expect(total).toBeLessThanOrEqual(CAPS.maxBitrate);
    expect(active[0]!.maxBitrate).toBeLessThan(active[1]!.maxBitrate!);
  });

  it("does not change its input", () => {
    const input = [{ maxBitrate: 9_000_000 }];
    clampVideoEncodings(input, CAPS);

    expect(input).toEqual([{ maxBitrate: 9_000_000 }]);
  });
});

describe("minimumScale", () => {
  it.each([
    { width: 1280, height: 720, scale: 2 },
    { width: 640, height: 360, scale: 1 },
    { width: 320, height: 180, scale: 1 },
    { width: 1080, height: 1920, scale: 5.333 },
    { width: undefined, height: undefined, scale: 1 },
  ])("scales $width x $height by $scale", ({ width, height, scale }) => {
    expect(minimumScale({ width, height }, CAPS)).toBeCloseTo(scale, 3);
  });
});

describe("limitLayers", () => {
  it("keeps the highest-resolution layers in order", () => {
    const kept = limitLayers(SIMULCAST, 2);

    expect(kept.map((encoding) => encoding.rid)).toEqual(["h", "f"]);
  });

  it("keeps everything within the limit", () => {
    expect(limitLayers(SIMULCAST, 3)).toEqual(SIMULCAST);
  });

  it("breaks ties by bitrate", () => {
    const layers = [
      { rid: "a", maxBitrate: 100_000 },
      { rid: "b", maxBitrate: 900_000 },
    ];

    expect(limitLayers(layers, 1)).toEqual([layers[1]]);
  });
});

describe("clampAudioEncodings", () => {
  it("caps the bitrate and keeps other fields", () => {
    const audio = PROFILES.low.audio;

    expect(
      clampAudioEncodings([{ active: true, maxBitrate: 128_000 }, {}], audio),
    ).toEqual([{ active: true, maxBitrate: 24_000 }, { maxBitrate: 24_000 }]);
  });
});
