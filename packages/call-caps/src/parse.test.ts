import { describe, expect, it } from "vitest";
import {
  MAX_DOCUMENT_LENGTH,
  parseCapsDocument,
  parseCapsFromText,
} from "./parse.js";

const KEY = "chat.axion1337.call_caps";

describe("parseCapsDocument", () => {
  it("accepts a complete document", () => {
    const result = parseCapsDocument({
      camera: {
        max_width: 640,
        max_height: 360,
        max_framerate: 15,
        max_bitrate: 300_000,
        simulcast_layers: 1,
      },
      screen_share: { max_framerate: 5 },
      audio: { max_bitrate: 24_000, dtx: true },
      video_codec: "vp9",
    });

    expect(result.warnings).toEqual([]);
    expect(result.caps).toEqual({
      camera: {
        maxWidth: 640,
        maxHeight: 360,
        maxFramerate: 15,
        maxBitrate: 300_000,
        simulcastLayers: 1,
      },
      screenShare: { maxFramerate: 5 },
      audio: { maxBitrate: 24_000, dtx: true },
      videoCodec: "vp9",
    });
  });

  it.each([
    { name: "negative", value: -1, warning: "out of range" },
    { name: "zero", value: 0, warning: "out of range" },
    { name: "huge", value: 1e308, warning: "out of range" },
    { name: "above the range", value: 50_000_001, warning: "out of range" },
    { name: "fraction", value: 300_000.5, warning: "not an integer" },
    { name: "NaN", value: NaN, warning: "not an integer" },
    { name: "Infinity", value: Infinity, warning: "not an integer" },
    { name: "string", value: "300000", warning: "not an integer" },
    { name: "boolean", value: true, warning: "not an integer" },
    { name: "null", value: null, warning: "not an integer" },
    { name: "array", value: [300_000], warning: "not an integer" },
    { name: "object", value: { a: { b: 1 } }, warning: "not an integer" },
  ])("rejects a $name bitrate and keeps the rest", ({ value, warning }) => {
    const result = parseCapsDocument({
      camera: { max_bitrate: value, max_framerate: 15 },
    });

    expect(result.caps).toEqual({ camera: { maxFramerate: 15 } });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain("camera.max_bitrate");
    expect(result.warnings[0]).toContain(warning);
  });

  it.each([
    { name: "null", value: null },
    { name: "array", value: [] },
    { name: "string", value: "caps" },
    { name: "number", value: 7 },
    { name: "class instance", value: new Date(0) },
  ])("ignores a $name document", ({ value }) => {
    const result = parseCapsDocument(value);

    expect(result.caps).toEqual({});
    expect(result.warnings).toEqual([
      expect.stringContaining("is not an object"),
    ]);
  });

  it.each(["__proto__", "constructor", "prototype"])(
    "rejects the %s key at every level",
    (key) => {
      const text =
        `{"${key}": {"polluted": true}, ` +
        `"camera": {"${key}": {"polluted": true}, "max_framerate": 10}}`;
      const result = parseCapsDocument(JSON.parse(text));

      expect(result.caps).toEqual({ camera: { maxFramerate: 10 } });
      expect(result.warnings).toEqual([
        `${key}: forbidden key, ignored`,
        `camera.${key}: forbidden key, ignored`,
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it("warns about unknown keys", () => {
    const result = parseCapsDocument({ microphone: {}, audio: { gain: 2 } });

    expect(result.caps).toEqual({ audio: {} });
    expect(result.warnings).toEqual([
      "microphone: unknown key, ignored",
      "audio.gain: unknown key, ignored",
    ]);
  });

  it.each([
    { name: "string", value: "true" },
    { name: "number", value: 1 },
    { name: "null", value: null },
  ])("rejects a $name dtx", ({ value }) => {
    const result = parseCapsDocument({ audio: { dtx: value } });

    expect(result.caps).toEqual({ audio: {} });
    expect(result.warnings[0]).toContain("audio.dtx");
  });

  it.each(["VP8", "h265", "", 8])("rejects the codec %j", (codec) => {
    const result = parseCapsDocument({ video_codec: codec });

    expect(result.caps).toEqual({});
    expect(result.warnings[0]).toContain("vp8, vp9, h264, av1");
  });

  it("rejects a section that is not an object", () => {
    const result = parseCapsDocument({ camera: [1, 2], audio: "low" });

    expect(result.caps).toEqual({});
    expect(result.warnings).toEqual([
      "camera: an array is not an object, ignored",
      'audio: "low" is not an object, ignored',
    ]);
  });

  it("reads no deeper than one section", () => {
    let nested: unknown = 1;
    for (let depth = 0; depth < 5000; depth += 1) nested = { a: nested };
    const result = parseCapsDocument({ camera: { max_bitrate: nested } });

    expect(result.caps).toEqual({ camera: {} });
    expect(result.warnings[0]).toContain("not an integer");
  });
});

describe("parseCapsFromText", () => {
  it("reads the caps under the key", () => {
    const text = JSON.stringify({
      "m.homeserver": { base_url: "https://matrix.example.org" },
      [KEY]: { camera: { max_height: 360 } },
    });

    expect(parseCapsFromText(text, KEY)).toEqual({
      caps: { camera: { maxHeight: 360 } },
      warnings: [],
    });
  });

  it("returns no caps and no warning without the key", () => {
    expect(parseCapsFromText("{}", KEY)).toEqual({ caps: {}, warnings: [] });
  });

  it("prefixes warnings with the key", () => {
    const text = JSON.stringify({ [KEY]: { camera: { max_height: -1 } } });

    expect(parseCapsFromText(text, KEY).warnings).toEqual([
      `${KEY}.camera.max_height: -1 is out of range 90..4320`,
    ]);
  });

  it.each([
    { name: "invalid JSON", text: "{" },
    { name: "empty text", text: "" },
    { name: "HTML error page", text: "<html>502</html>" },
    { name: "JSON array", text: "[1]" },
    { name: "JSON null", text: "null" },
    { name: "key with null", text: `{"${KEY}": null}` },
    { name: "deep nesting", text: "[".repeat(60_000) },
  ])("ignores $name with a warning", ({ text }) => {
    const result = parseCapsFromText(text, KEY);

    expect(result.caps).toEqual({});
    expect(result.warnings).toHaveLength(1);
  });

  it("rejects an oversized document before parsing it", () => {
    const text = JSON.stringify({
      [KEY]: { camera: { max_height: 360 } },
      padding: "x".repeat(MAX_DOCUMENT_LENGTH),
    });
    const result = parseCapsFromText(text, KEY);

    expect(result.caps).toEqual({});
    expect(result.warnings[0]).toContain("longer than the limit");
  });

  it("ignores a key inherited from the prototype", () => {
    const result = parseCapsFromText('{"__proto__": {}}', "toString");

    expect(result).toEqual({ caps: {}, warnings: [] });
  });
});
