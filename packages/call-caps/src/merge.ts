import type {
  AudioCaps,
  CallCaps,
  PartialCallCaps,
  VideoCaps,
} from "./model.js";

function stricterVideo(base: VideoCaps, other: Partial<VideoCaps> = {}) {
  return {
    maxWidth: Math.min(base.maxWidth, other.maxWidth ?? Infinity),
    maxHeight: Math.min(base.maxHeight, other.maxHeight ?? Infinity),
    maxFramerate: Math.min(base.maxFramerate, other.maxFramerate ?? Infinity),
    maxBitrate: Math.min(base.maxBitrate, other.maxBitrate ?? Infinity),
    simulcastLayers: Math.min(
      base.simulcastLayers,
      other.simulcastLayers ?? Infinity,
    ),
  };
}

function stricterAudio(base: AudioCaps, other: Partial<AudioCaps> = {}) {
  return {
    maxBitrate: Math.min(base.maxBitrate, other.maxBitrate ?? Infinity),
    dtx: base.dtx || other.dtx === true,
  };
}

/**
 * Merges a partial caps document into complete caps. The stricter value
 * wins per field: the lower number, and DTX when either side requires it.
 * The codec has no order of strictness, so the document's codec replaces
 * the base one: the well-known is the admin's newer choice.
 */
export function mergeCaps(base: CallCaps, other: PartialCallCaps): CallCaps {
  return {
    camera: stricterVideo(base.camera, other.camera),
    screenShare: stricterVideo(base.screenShare, other.screenShare),
    audio: stricterAudio(base.audio, other.audio),
    videoCodec: other.videoCodec ?? base.videoCodec,
  };
}
