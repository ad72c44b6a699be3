/**
 * Clamping of capture constraints (`getUserMedia`, `getDisplayMedia`,
 * `applyConstraints`) to the caps. Each capped property gets `ideal` plus
 * `max`: `max` alone lets the browser pick very small frames.
 */
import type { VideoCaps } from "@axion-stack/call-caps";

/** A numeric constraint: a bare number means `ideal`. */
export type NumberConstraint =
  number | { min?: number; max?: number; ideal?: number; exact?: number };

/** The video constraint fields that caps touch; others pass through. */
export interface VideoConstraints {
  width?: NumberConstraint;
  height?: NumberConstraint;
  frameRate?: NumberConstraint;
  advanced?: VideoConstraints[];
  [other: string]: unknown;
}

/** Media stream constraints as `getUserMedia` takes them. */
export interface StreamConstraints {
  video?: boolean | VideoConstraints;
  audio?: unknown;
  [other: string]: unknown;
}

/**
 * Clamps one numeric constraint to `cap`. A requested `min` or `exact`
 * above the cap is dropped, so the caps cause no OverconstrainedError of
 * their own. `getDisplayMedia` rejects both keywords anyway.
 */
export function clampNumber(
  constraint: NumberConstraint | undefined,
  cap: number,
): { min?: number; ideal: number; max: number } {
  const request =
    typeof constraint === "number" ? { ideal: constraint } : (constraint ?? {});
  const ideal = request.exact ?? request.ideal ?? cap;
  const max = Math.min(request.exact ?? request.max ?? cap, cap);
  const result: { min?: number; ideal: number; max: number } = {
    ideal: Math.min(ideal, max),
    max,
  };
  if (request.min !== undefined && request.min <= max) result.min = request.min;
  return result;
}

/** Returns video constraints clamped to the caps, other fields kept. */
export function clampVideoConstraints(
  constraints: boolean | VideoConstraints | undefined,
  caps: VideoCaps,
): VideoConstraints {
  const request = typeof constraints === "object" ? constraints : {};
  const result: VideoConstraints = {
    ...request,
    width: clampNumber(request.width, caps.maxWidth),
    height: clampNumber(request.height, caps.maxHeight),
    frameRate: clampNumber(request.frameRate, caps.maxFramerate),
  };
  if (Array.isArray(request.advanced)) {
    result.advanced = request.advanced.map((set) => clampAdvanced(set, caps));
  }
  return result;
}

/** Clamps one `advanced` constraint set, touching only the fields it has. */
function clampAdvanced(set: VideoConstraints, caps: VideoCaps) {
  const result: VideoConstraints = { ...set };
  const fields = [
    ["width", caps.maxWidth],
    ["height", caps.maxHeight],
    ["frameRate", caps.maxFramerate],
  ] as const;
  for (const [field, cap] of fields) {
    if (set[field] !== undefined) result[field] = clampNumber(set[field], cap);
  }
  return result;
}

/**
 * Returns stream constraints with the video part clamped. A request
 * without video is returned unchanged.
 */
export function clampStreamConstraints(
  constraints: StreamConstraints | undefined,
  caps: VideoCaps,
): StreamConstraints | undefined {
  if (!constraints || !constraints.video) return constraints;
  return {
    ...constraints,
    video: clampVideoConstraints(constraints.video, caps),
  };
}
