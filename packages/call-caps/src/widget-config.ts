/**
 * The Element Call widget's `config.json` as we write it, and the keys of
 * ours in it and in the client well-known.
 */
import { capsToDocument, type CapsDocument } from "./document.js";
import type { CallCaps, VideoCaps, VideoCodec } from "./model.js";

/**
 * Key of our caps document in the widget's config.json and in
 * `/.well-known/matrix/client`. Namespaced like Matrix's own extension keys.
 */
export const CAPS_KEY = "chat.axion1337.call_caps";

/** Key in config.json of the URL of the client well-known to read caps from. */
export const WELL_KNOWN_URL_KEY = "chat.axion1337.call_caps_well_known";

/** One simulcast layer of Element Call's `media_quality` section. */
export interface MediaQualityLayer {
  height: number;
  bitrate: number;
  framerate?: number;
}

/** Element Call's settings for one video source (0.24 and later). */
export interface MediaQualityVideo {
  max_resolution: number;
  max_bitrate: number;
  max_framerate: number;
  /** Layers below the main one, lowest first. */
  simulcast_layers: MediaQualityLayer[];
}

/**
 * Element Call's `media_quality` section. Element Call reads it as the
 * starting values of its settings, which users can raise; our script
 * enforces the caps regardless.
 */
export interface MediaQuality {
  video_codec: VideoCodec;
  video: MediaQualityVideo;
  screen_share: MediaQualityVideo;
}

/** Share of the sender's bitrate for the quarter- and half-height layers. */
const LOWER_LAYER_SHARES = [0.1, 0.25];

/**
 * Splits a source's caps into Element Call's main layer and its lower
 * simulcast layers, so that all layers together stay within the bitrate cap.
 */
export function mediaQualityVideo(
  caps: VideoCaps,
  withFramerate = false,
): MediaQualityVideo {
  const lower = [4, 2]
    .map((divisor, index) => ({
      height: Math.round(caps.maxHeight / divisor),
      bitrate: Math.floor(caps.maxBitrate * LOWER_LAYER_SHARES[index]!),
      ...(withFramerate ? { framerate: caps.maxFramerate } : {}),
    }))
    .slice(3 - caps.simulcastLayers);
  const lowerBitrate = lower.reduce((sum, layer) => sum + layer.bitrate, 0);
  return {
    max_resolution: caps.maxHeight,
    max_bitrate: caps.maxBitrate - lowerBitrate,
    max_framerate: caps.maxFramerate,
    simulcast_layers: lower,
  };
}

/** Returns the `media_quality` section that starts the UI at the caps. */
export function mediaQuality(caps: CallCaps): MediaQuality {
  return {
    video_codec: caps.videoCodec,
    video: mediaQualityVideo(caps.camera),
    screen_share: mediaQualityVideo(caps.screenShare, true),
  };
}

/** What goes into the widget's config.json besides upstream's own keys. */
export interface WidgetConfigOptions {
  caps: CallCaps;
  /** URL of the client well-known, or undefined to read no well-known. */
  wellKnownUrl: string | undefined;
  /** Write `media_quality`; only Element Call 0.24 and later read it. */
  withMediaQuality: boolean;
}

/** The widget's config.json: upstream's keys with ours laid over them. */
export type WidgetConfig = Record<string, unknown> & {
  [CAPS_KEY]: CapsDocument;
};

/**
 * Builds the widget's config.json from the one the Element Call package
 * ships (`upstream`), keeping all of its keys.
 */
export function widgetConfig(
  upstream: Record<string, unknown>,
  options: WidgetConfigOptions,
): WidgetConfig {
  return {
    ...upstream,
    ...(options.withMediaQuality
      ? { media_quality: mediaQuality(options.caps) }
      : {}),
    [CAPS_KEY]: capsToDocument(options.caps),
    ...(options.wellKnownUrl
      ? { [WELL_KNOWN_URL_KEY]: options.wellKnownUrl }
      : {}),
  };
}
