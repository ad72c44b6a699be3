import { describe, expect, it } from "vitest";
import { capsToDocument } from "./document.js";
import { VIDEO_KINDS } from "./model.js";
import { parseCapsDocument } from "./parse.js";
import { PROFILE_NAMES, PROFILES } from "./profiles.js";
import {
  CAPS_KEY,
  mediaQualityVideo,
  WELL_KNOWN_URL_KEY,
  widgetConfig,
} from "./widget-config.js";

const UPSTREAM = {
  matrix_rtc_session: { delayed_leave_event_delay_ms: 18000 },
};

describe("widgetConfig", () => {
  it("keeps upstream keys and adds ours", () => {
    const config = widgetConfig(UPSTREAM, {
      caps: PROFILES.low,
      wellKnownUrl: "https://example.org/.well-known/matrix/client",
      withMediaQuality: true,
    });

    expect(config.matrix_rtc_session).toEqual(UPSTREAM.matrix_rtc_session);
    expect(config[CAPS_KEY]).toEqual(capsToDocument(PROFILES.low));
    expect(config[WELL_KNOWN_URL_KEY]).toBe(
      "https://example.org/.well-known/matrix/client",
    );
    expect(config.media_quality).toMatchObject({
      video_codec: "vp8",
      video: { max_resolution: 360, max_framerate: 15 },
    });
  });

  it("omits media_quality and the well-known when asked", () => {
    const config = widgetConfig(UPSTREAM, {
      caps: PROFILES.low,
      wellKnownUrl: undefined,
      withMediaQuality: false,
    });

    expect(Object.keys(config)).toEqual(["matrix_rtc_session", CAPS_KEY]);
  });
});

describe("mediaQualityVideo", () => {
  it.each([
    { layers: 1, heights: [] },
    { layers: 2, heights: [360] },
    { layers: 3, heights: [180, 360] },
  ])("gives $layers layers in total", ({ layers, heights }) => {
    const caps = { ...PROFILES.high.camera, simulcastLayers: layers };
    const video = mediaQualityVideo(caps);

    expect(video.simulcast_layers.map((layer) => layer.height)).toEqual(
      heights,
    );
  });

  it.each(
    PROFILE_NAMES.flatMap((name) => VIDEO_KINDS.map((kind) => [name, kind])),
  )("keeps %s %s layers within the bitrate cap", (name, kind) => {
    const caps = PROFILES[name as "low"][kind as "camera"];
    const video = mediaQualityVideo(caps);
    const lower = video.simulcast_layers.map((layer) => layer.bitrate);
    const total = video.max_bitrate + lower.reduce((a, b) => a + b, 0);

    expect(total).toBeLessThanOrEqual(caps.maxBitrate);
    expect(video.max_bitrate).toBeGreaterThan(0);
  });
});

describe("profiles", () => {
  it.each(PROFILE_NAMES)("%s passes the document parser", (name) => {
    const result = parseCapsDocument(capsToDocument(PROFILES[name]));

    expect(result.warnings).toEqual([]);
    expect(result.caps).toEqual(PROFILES[name]);
  });

  it("low is at most a quarter of high's camera bitrate", () => {
    expect(PROFILES.low.camera.maxBitrate).toBeLessThanOrEqual(
      PROFILES.high.camera.maxBitrate / 4,
    );
  });
});
