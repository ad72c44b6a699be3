/**
 * Caps on capture: wraps `getUserMedia`, `getDisplayMedia` and
 * `MediaStreamTrack.applyConstraints` so that every video track is
 * requested within the caps, and re-applies the caps to live tracks when
 * they change.
 */
import type { CallCaps, VideoCaps, VideoKind } from "@axion-stack/call-caps";
import {
  clampStreamConstraints,
  clampVideoConstraints,
  type StreamConstraints,
  type VideoConstraints,
} from "./constraints.js";
import { createLogger } from "./logger.js";
import type { CapsState } from "./state.js";

const log = createLogger("capture");

/** Tracks that came from `getDisplayMedia`. */
const screenTracks = new WeakSet<MediaStreamTrack>();

/** The video constraints each live track's app last requested. */
const requested = new WeakMap<MediaStreamTrack, VideoConstraints>();

/** Live video tracks, so that new caps reach them. */
const liveTracks = new Set<WeakRef<MediaStreamTrack>>();
const knownTracks = new WeakSet<MediaStreamTrack>();

function watch(track: MediaStreamTrack): void {
  if (knownTracks.has(track)) return;
  knownTracks.add(track);
  liveTracks.add(new WeakRef(track));
}

/** Returns whether a video track shows a screen rather than a camera. */
export function videoKindOf(track: MediaStreamTrack): VideoKind {
  const settings = track.getSettings() as { displaySurface?: string };
  return screenTracks.has(track) || settings.displaySurface !== undefined
    ? "screenShare"
    : "camera";
}

/** Returns the video caps that apply to a video track. */
export function videoCapsFor(track: MediaStreamTrack, caps: CallCaps) {
  return caps[videoKindOf(track)];
}

const originalApply = MediaStreamTrack.prototype.applyConstraints;

function applyCapped(track: MediaStreamTrack, caps: VideoCaps) {
  const constraints = clampVideoConstraints(requested.get(track), caps);
  return originalApply.call(track, constraints as MediaTrackConstraints);
}

function remember(stream: MediaStream, request: StreamConstraints | undefined) {
  const video = typeof request?.video === "object" ? request.video : {};
  for (const track of stream.getVideoTracks()) {
    requested.set(track, video);
    watch(track);
  }
}

function wrapGetMedia(
  method: "getUserMedia" | "getDisplayMedia",
  kind: VideoKind,
  state: CapsState,
): void {
  const original = MediaDevices.prototype[method];
  if (!original) return;

  MediaDevices.prototype[method] = async function (
    this: MediaDevices,
    request,
  ) {
    await state.loaded;
    const caps = state.current()[kind];
    const constraints = clampStreamConstraints(
      request as StreamConstraints,
      caps,
    );
    const stream = await original.call(
      this,
      constraints as MediaStreamConstraints,
    );
    if (kind === "screenShare") {
      for (const track of stream.getVideoTracks()) screenTracks.add(track);
    }
    remember(stream, request as StreamConstraints);
    return stream;
  };
}

/** Re-applies the caps in force to every live video track. */
function reapplyToTracks(state: CapsState): void {
  for (const reference of liveTracks) {
    const track = reference.deref();
    if (!track || track.readyState === "ended") {
      liveTracks.delete(reference);
      continue;
    }
    applyCapped(track, videoCapsFor(track, state.current())).catch((error) =>
      log.warn(`applyConstraints on track ${track.id} failed: ${error}`),
    );
  }
}

/** Installs the capture wrappers. */
export function installCaptureCaps(state: CapsState): void {
  wrapGetMedia("getUserMedia", "camera", state);
  wrapGetMedia("getDisplayMedia", "screenShare", state);

  MediaStreamTrack.prototype.applyConstraints = function (
    this: MediaStreamTrack,
    constraints?: MediaTrackConstraints,
  ) {
    if (this.kind !== "video") return originalApply.call(this, constraints);
    requested.set(this, (constraints ?? {}) as VideoConstraints);
    watch(this);
    return applyCapped(this, videoCapsFor(this, state.current()));
  };

  state.onChange(() => reapplyToTracks(state));
}
