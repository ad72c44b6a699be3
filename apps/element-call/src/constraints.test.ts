import { PROFILES } from "@axion-stack/call-caps";
import { describe, expect, it } from "vitest";
import {
  clampNumber,
  clampStreamConstraints,
  clampVideoConstraints,
} from "./constraints.js";

const CAMERA = PROFILES.low.camera;

describe("clampNumber", () => {
  it.each([
    { name: "unset", request: undefined, result: { ideal: 360, max: 360 } },
    { name: "bare number", request: 1080, result: { ideal: 360, max: 360 } },
    { name: "lower number", request: 240, result: { ideal: 240, max: 360 } },
    {
      name: "ideal",
      request: { ideal: 720 },
      result: { ideal: 360, max: 360 },
    },
    { name: "max", request: { max: 200 }, result: { ideal: 200, max: 200 } },
    {
      name: "exact",
      request: { exact: 1080 },
      result: { ideal: 360, max: 360 },
    },
    {
      name: "min above the cap",
      request: { min: 720 },
      result: { ideal: 360, max: 360 },
    },
    {
      name: "min below the cap",
      request: { min: 180 },
      result: { min: 180, ideal: 360, max: 360 },
    },
  ])("clamps $name", ({ request, result }) => {
    expect(clampNumber(request, 360)).toEqual(result);
  });
});

describe("clampVideoConstraints", () => {
  it("turns true into ideal plus max", () => {
    expect(clampVideoConstraints(true, CAMERA)).toEqual({
      width: { ideal: 640, max: 640 },
      height: { ideal: 360, max: 360 },
      frameRate: { ideal: 15, max: 15 },
    });
  });

  it("keeps other fields such as deviceId", () => {
    const result = clampVideoConstraints(
      { deviceId: { exact: "cam-1" }, facingMode: "user" },
      CAMERA,
    );

    expect(result.deviceId).toEqual({ exact: "cam-1" });
    expect(result.facingMode).toBe("user");
  });

  it("clamps advanced sets", () => {
    const result = clampVideoConstraints(
      { advanced: [{ width: { exact: 1920 } }, { aspectRatio: 1.7 }] },
      CAMERA,
    );

    expect(result.advanced).toEqual([
      { width: { ideal: 640, max: 640 } },
      { aspectRatio: 1.7 },
    ]);
  });
});

describe("clampStreamConstraints", () => {
  it("leaves audio-only requests alone", () => {
    const request = { audio: { echoCancellation: true } };

    expect(clampStreamConstraints(request, CAMERA)).toBe(request);
  });

  it("clamps the video part", () => {
    const result = clampStreamConstraints(
      { audio: true, video: { width: 1280 } },
      CAMERA,
    );

    expect(result!.audio).toBe(true);
    expect(result!.video).toMatchObject({ width: { ideal: 640, max: 640 } });
  });
});
