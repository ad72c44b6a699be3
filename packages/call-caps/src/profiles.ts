import type { CallCaps, PartialCallCaps } from "./model.js";

/** Names of the built-in profiles. */
export const PROFILE_NAMES = ["low", "balanced", "high"] as const;

/** A built-in profile name. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The built-in profiles. `high` matches Element Call 0.24's own defaults
 * (720p camera at 1.7 Mbit/s and 30 fps, 5 Mbit/s screen share at 30 fps),
 * and its audio cap sits above LiveKit's 48 kbit/s "music" preset that
 * Element Call uses. `low` aims at a quarter of that bandwidth or less.
 */
export const PROFILES: Record<ProfileName, CallCaps> = {
  low: {
    camera: {
      maxWidth: 640,
      maxHeight: 360,
      maxFramerate: 15,
      maxBitrate: 300_000,
      simulcastLayers: 1,
    },
    screenShare: {
      maxWidth: 1280,
      maxHeight: 720,
      maxFramerate: 5,
      maxBitrate: 600_000,
      simulcastLayers: 1,
    },
    audio: { maxBitrate: 24_000, dtx: true },
    videoCodec: "vp8",
  },
  balanced: {
    camera: {
      maxWidth: 960,
      maxHeight: 540,
      maxFramerate: 24,
      maxBitrate: 800_000,
      simulcastLayers: 2,
    },
    screenShare: {
      maxWidth: 1920,
      maxHeight: 1080,
      maxFramerate: 15,
      maxBitrate: 1_500_000,
      simulcastLayers: 1,
    },
    audio: { maxBitrate: 32_000, dtx: true },
    videoCodec: "vp8",
  },
  high: {
    camera: {
      maxWidth: 1280,
      maxHeight: 720,
      maxFramerate: 30,
      maxBitrate: 1_700_000,
      simulcastLayers: 3,
    },
    screenShare: {
      maxWidth: 1920,
      maxHeight: 1080,
      maxFramerate: 30,
      maxBitrate: 5_000_000,
      simulcastLayers: 2,
    },
    audio: { maxBitrate: 64_000, dtx: true },
    videoCodec: "vp8",
  },
};

/**
 * Returns a profile with explicit values laid over it field by field. An
 * explicit value replaces the profile's value even when it is higher: this
 * is the admin's own choice at deploy time, unlike the merge rule between
 * documents, where the stricter value wins.
 */
export function resolveCaps(
  profile: ProfileName,
  overrides: PartialCallCaps = {},
): CallCaps {
  const base = PROFILES[profile];
  return {
    camera: { ...base.camera, ...definedFields(overrides.camera) },
    screenShare: {
      ...base.screenShare,
      ...definedFields(overrides.screenShare),
    },
    audio: { ...base.audio, ...definedFields(overrides.audio) },
    videoCodec: overrides.videoCodec ?? base.videoCodec,
  };
}

/** Drops fields whose value is undefined, so they cannot hide a default. */
function definedFields<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
