/**
 * Clamping of WebRTC sender encodings to the caps. Pure functions over the
 * plain fields of `RTCRtpEncodingParameters`, so they run in tests without
 * a browser.
 */
import type { AudioCaps, VideoCaps } from "@axion-stack/call-caps";

/** The fields of `RTCRtpEncodingParameters` that caps touch. */
export interface Encoding {
  active?: boolean;
  rid?: string;
  maxBitrate?: number;
  maxFramerate?: number;
  scaleResolutionDownBy?: number;
}

/** Width and height of a video track, as `getSettings()` reports them. */
export interface FrameSize {
  width?: number;
  height?: number;
}

/** Smallest `scaleResolutionDownBy` that fits the frame into the caps. */
export function minimumScale(size: FrameSize, caps: VideoCaps): number {
  const byWidth = (size.width ?? 0) / caps.maxWidth;
  const byHeight = (size.height ?? 0) / caps.maxHeight;
  return Math.max(1, byWidth, byHeight);
}

/**
 * Scales the active layers' bitrates down in proportion so that together
 * they stay within `cap`. Inactive layers send nothing and are not counted.
 */
function fitTotalBitrate(encodings: Encoding[], cap: number): void {
  const active = encodings.filter((encoding) => encoding.active !== false);
  const total = active.reduce((sum, encoding) => sum + encoding.maxBitrate!, 0);
  if (total <= cap) return;

  const factor = cap / total;
  for (const encoding of active) {
    encoding.maxBitrate = Math.floor(encoding.maxBitrate! * factor);
  }
}

/**
 * Returns video encodings clamped to the caps, one per input encoding in
 * the same order, with `rid`, `active` and every other field kept. A layer
 * without a limit gets the cap as its limit.
 */
export function clampVideoEncodings<T extends Encoding>(
  encodings: readonly T[],
  caps: VideoCaps,
  size: FrameSize = {},
): T[] {
  const scale = minimumScale(size, caps);
  const clamped = encodings.map((encoding) => ({
    ...encoding,
    maxBitrate: Math.min(encoding.maxBitrate ?? Infinity, caps.maxBitrate),
    maxFramerate: Math.min(
      encoding.maxFramerate ?? Infinity,
      caps.maxFramerate,
    ),
    scaleResolutionDownBy: Math.max(encoding.scaleResolutionDownBy ?? 1, scale),
  }));
  fitTotalBitrate(clamped, caps.maxBitrate);
  return clamped;
}

/** Returns audio encodings with their bitrate clamped to the cap. */
export function clampAudioEncodings<T extends Encoding>(
  encodings: readonly T[],
  caps: AudioCaps,
): T[] {
  return encodings.map((encoding) => ({
    ...encoding,
    maxBitrate: Math.min(encoding.maxBitrate ?? Infinity, caps.maxBitrate),
  }));
}

/**
 * Keeps at most `layers` simulcast layers, dropping the lowest-resolution
 * ones, in their original order. Only a new sender can change its number
 * of layers, so this applies to `addTransceiver`'s `sendEncodings`.
 */
export function limitLayers<T extends Encoding>(
  encodings: readonly T[],
  layers: number,
): T[] {
  if (encodings.length <= layers) return [...encodings];

  const byQuality = [...encodings].sort(
    (a, b) =>
      (a.scaleResolutionDownBy ?? 1) - (b.scaleResolutionDownBy ?? 1) ||
      (b.maxBitrate ?? Number.MAX_SAFE_INTEGER) -
        (a.maxBitrate ?? Number.MAX_SAFE_INTEGER),
  );
  const kept = new Set(byQuality.slice(0, layers));
  return encodings.filter((encoding) => kept.has(encoding));
}
