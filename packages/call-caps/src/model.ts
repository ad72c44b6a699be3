/**
 * The caps model: upper limits on what one Element Call participant
 * captures and sends, per media kind. Units are pixels, frames per second
 * and bits per second, as in WebRTC's `RTCRtpEncodingParameters`.
 */

/** Video codecs that Element Call's `media_quality.video_codec` accepts. */
export const VIDEO_CODECS = ["vp8", "vp9", "h264", "av1"] as const;

/** A video codec that Element Call can publish. */
export type VideoCodec = (typeof VIDEO_CODECS)[number];

/** Caps of one video source: the camera or a screen share. */
export interface VideoCaps {
  /** Largest frame width in pixels that is captured or sent. */
  maxWidth: number;
  /** Largest frame height in pixels that is captured or sent. */
  maxHeight: number;
  /** Highest frame rate in frames per second. */
  maxFramerate: number;
  /** Highest bitrate in bits per second, summed over a sender's layers. */
  maxBitrate: number;
  /** Largest number of simulcast layers (encodings) one sender may have. */
  simulcastLayers: number;
}

/** Caps of the microphone. */
export interface AudioCaps {
  /** Highest Opus bitrate in bits per second. */
  maxBitrate: number;
  /** Require Opus discontinuous transmission, which sends almost nothing during silence. */
  dtx: boolean;
}

/** Every cap of a call, all fields set. */
export interface CallCaps {
  camera: VideoCaps;
  screenShare: VideoCaps;
  audio: AudioCaps;
  /** Codec that video senders prefer. */
  videoCodec: VideoCodec;
}

/** Caps of which any field may be missing, as a document may set only some. */
export interface PartialCallCaps {
  camera?: Partial<VideoCaps>;
  screenShare?: Partial<VideoCaps>;
  audio?: Partial<AudioCaps>;
  videoCodec?: VideoCodec;
}

/** The media kinds that carry video caps. */
export const VIDEO_KINDS = ["camera", "screenShare"] as const;

/** A media kind that carries video caps. */
export type VideoKind = (typeof VIDEO_KINDS)[number];

/** An inclusive range of accepted values. */
export interface Range {
  min: number;
  max: number;
}

/**
 * Accepted values of each numeric field. Values outside are rejected, not
 * clamped, because they point at a typo or a hostile document. Opus runs
 * from 6 to 510 kbit/s; 4320 px is 8K; browsers simulcast at most 3 layers.
 */
export const FIELD_RANGES = {
  maxWidth: { min: 160, max: 7680 },
  maxHeight: { min: 90, max: 4320 },
  maxFramerate: { min: 1, max: 60 },
  videoMaxBitrate: { min: 50_000, max: 50_000_000 },
  simulcastLayers: { min: 1, max: 3 },
  audioMaxBitrate: { min: 6_000, max: 510_000 },
} as const satisfies Record<string, Range>;
