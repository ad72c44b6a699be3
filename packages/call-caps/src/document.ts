/**
 * The caps document: the JSON form of caps that the widget's `config.json`
 * and the client well-known carry, with snake_case keys as Matrix and
 * Element Call configs use them. Every field is optional in a document.
 */
import {
  FIELD_RANGES,
  VIDEO_CODECS,
  type CallCaps,
  type PartialCallCaps,
  type Range,
  type VideoCaps,
  type VideoCodec,
} from "./model.js";

/** JSON form of `VideoCaps`. */
export interface VideoCapsDocument {
  max_width?: number;
  max_height?: number;
  max_framerate?: number;
  max_bitrate?: number;
  simulcast_layers?: number;
}

/** JSON form of `AudioCaps`. */
export interface AudioCapsDocument {
  max_bitrate?: number;
  dtx?: boolean;
}

/** JSON form of `CallCaps`, as published in config.json and the well-known. */
export interface CapsDocument {
  camera?: VideoCapsDocument;
  screen_share?: VideoCapsDocument;
  audio?: AudioCapsDocument;
  video_codec?: VideoCodec;
}

/** Document keys of the video fields, with their model names and ranges. */
export const VIDEO_FIELDS: [keyof VideoCapsDocument, keyof VideoCaps, Range][] =
  [
    ["max_width", "maxWidth", FIELD_RANGES.maxWidth],
    ["max_height", "maxHeight", FIELD_RANGES.maxHeight],
    ["max_framerate", "maxFramerate", FIELD_RANGES.maxFramerate],
    ["max_bitrate", "maxBitrate", FIELD_RANGES.videoMaxBitrate],
    ["simulcast_layers", "simulcastLayers", FIELD_RANGES.simulcastLayers],
  ];

function videoDocument(caps: VideoCaps): VideoCapsDocument {
  return {
    max_width: caps.maxWidth,
    max_height: caps.maxHeight,
    max_framerate: caps.maxFramerate,
    max_bitrate: caps.maxBitrate,
    simulcast_layers: caps.simulcastLayers,
  };
}

/** Converts caps to their JSON document. */
export function capsToDocument(caps: CallCaps): CapsDocument {
  return {
    camera: videoDocument(caps.camera),
    screen_share: videoDocument(caps.screenShare),
    audio: { max_bitrate: caps.audio.maxBitrate, dtx: caps.audio.dtx },
    video_codec: caps.videoCodec,
  };
}

/** Returns whether `value` is one of the codecs Element Call accepts. */
export function isVideoCodec(value: unknown): value is VideoCodec {
  return (VIDEO_CODECS as readonly unknown[]).includes(value);
}

/** Converts a document that already passed the parser into partial caps. */
export function documentToCaps(document: CapsDocument): PartialCallCaps {
  const caps: PartialCallCaps = {};
  if (document.camera) caps.camera = videoCaps(document.camera);
  if (document.screen_share)
    caps.screenShare = videoCaps(document.screen_share);
  if (document.audio) {
    caps.audio = {};
    if (document.audio.max_bitrate !== undefined) {
      caps.audio.maxBitrate = document.audio.max_bitrate;
    }
    if (document.audio.dtx !== undefined) caps.audio.dtx = document.audio.dtx;
  }
  if (document.video_codec) caps.videoCodec = document.video_codec;
  return caps;
}

function videoCaps(document: VideoCapsDocument): Partial<VideoCaps> {
  const caps: Partial<VideoCaps> = {};
  for (const [key, field] of VIDEO_FIELDS) {
    const value = document[key];
    if (value !== undefined) caps[field] = value;
  }
  return caps;
}
