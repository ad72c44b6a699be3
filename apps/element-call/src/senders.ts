/**
 * Caps on sending: wraps `RTCPeerConnection.addTransceiver` and `addTrack`,
 * `RTCRtpSender.setParameters` and `replaceTrack`, so that every sender's
 * encodings stay within the caps, and re-applies the caps to live senders
 * when they change. Layer structure, `rid` and `active` are kept.
 */
import type { CallCaps } from "@axion-stack/call-caps";
import { videoCapsFor } from "./capture.js";
import {
  clampAudioEncodings,
  clampVideoEncodings,
  limitLayers,
  type Encoding,
} from "./clamp.js";
import { createLogger } from "./logger.js";
import { preferCapsCodec } from "./negotiation.js";
import type { CapsState } from "./state.js";

const log = createLogger("senders");

const originalSetParameters = RTCRtpSender.prototype.setParameters;

/** The encoding limits the app last requested for each sender. */
const requested = new WeakMap<RTCRtpSender, Encoding[]>();
const liveSenders = new Set<WeakRef<RTCRtpSender>>();
const knownSenders = new WeakSet<RTCRtpSender>();

function watch(sender: RTCRtpSender): void {
  if (knownSenders.has(sender)) return;
  knownSenders.add(sender);
  liveSenders.add(new WeakRef(sender));
}

/** Copies only the fields that caps limit, as the app set them. */
function limitsOf(encodings: readonly Encoding[]): Encoding[] {
  return encodings.map(
    ({ maxBitrate, maxFramerate, scaleResolutionDownBy }) => ({
      maxBitrate,
      maxFramerate,
      scaleResolutionDownBy,
    }),
  );
}

/** Returns `encodings` clamped to the caps for the given track. */
function clampFor<T extends Encoding>(
  encodings: readonly T[],
  track: MediaStreamTrack | null,
  kind: string,
  caps: CallCaps,
): T[] {
  if (kind === "audio") return clampAudioEncodings(encodings, caps.audio);
  if (!track) return clampVideoEncodings(encodings, caps.camera);
  const size = track.getSettings();
  return clampVideoEncodings(encodings, videoCapsFor(track, caps), size);
}

/**
 * Lays the app's requested limits over the sender's current encodings and
 * sends the clamped result. Fields the app left unset are unset again, so
 * raised caps take effect.
 */
function applyToSender(sender: RTCRtpSender, caps: CallCaps): Promise<void> {
  const parameters = sender.getParameters();
  const current = parameters.encodings ?? [];
  if (current.length === 0 || !sender.track) return Promise.resolve();

  const limits = requested.get(sender) ?? limitsOf(current);
  const merged = current.map((encoding, index) => {
    const {
      maxBitrate: _bitrate,
      maxFramerate: _framerate,
      scaleResolutionDownBy: _scale,
      ...rest
    } = encoding as Encoding & RTCRtpEncodingParameters;
    return { ...rest, ...definedOnly(limits[index]) };
  });
  const kind = sender.track.kind;
  parameters.encodings = clampFor(merged, sender.track, kind, caps);
  return originalSetParameters.call(sender, parameters);
}

function definedOnly(encoding: Encoding | undefined): Encoding {
  return Object.fromEntries(
    Object.entries(encoding ?? {}).filter(([, value]) => value !== undefined),
  );
}

function applyLater(sender: RTCRtpSender, state: CapsState): void {
  watch(sender);
  queueMicrotask(() => {
    applyToSender(sender, state.current()).catch((error) =>
      log.warn(`setParameters failed: ${error}`),
    );
  });
}

/** Re-applies the caps in force to every live sender. */
function reapplyToSenders(state: CapsState): void {
  for (const reference of liveSenders) {
    const sender = reference.deref();
    if (!sender) {
      liveSenders.delete(reference);
      continue;
    }
    applyLater(sender, state);
  }
}

/** Returns a transceiver init whose `sendEncodings` fit the caps. */
function cappedInit(
  track: MediaStreamTrack | null,
  kind: string,
  init: RTCRtpTransceiverInit,
  caps: CallCaps,
): { init: RTCRtpTransceiverInit; limits: Encoding[] } {
  const layers =
    kind !== "video"
      ? 1
      : (track ? videoCapsFor(track, caps) : caps.camera).simulcastLayers;
  const kept = limitLayers(init.sendEncodings!, layers);
  const sendEncodings = clampFor(kept, track, kind, caps);
  return { init: { ...init, sendEncodings }, limits: limitsOf(kept) };
}

function wrapAddTransceiver(state: CapsState): void {
  const original = RTCPeerConnection.prototype.addTransceiver;
  RTCPeerConnection.prototype.addTransceiver = function (
    this: RTCPeerConnection,
    trackOrKind: MediaStreamTrack | string,
    init?: RTCRtpTransceiverInit,
  ) {
    const track = typeof trackOrKind === "string" ? null : trackOrKind;
    const kind = track ? track.kind : (trackOrKind as string);
    const caps = state.current();
    const capped = init?.sendEncodings?.length
      ? cappedInit(track, kind, init, caps)
      : undefined;

    const transceiver = original.call(this, trackOrKind, capped?.init ?? init);
    if (capped) requested.set(transceiver.sender, capped.limits);
    applyLater(transceiver.sender, state);
    if (kind === "video") preferCapsCodec(transceiver, caps.videoCodec);
    return transceiver;
  };
}

/** Installs the sender wrappers. */
export function installSenderCaps(state: CapsState): void {
  wrapAddTransceiver(state);

  const originalAddTrack = RTCPeerConnection.prototype.addTrack;
  RTCPeerConnection.prototype.addTrack = function (this, track, ...streams) {
    const sender = originalAddTrack.call(this, track, ...streams);
    applyLater(sender, state);
    return sender;
  };

  RTCRtpSender.prototype.setParameters = function (this, parameters) {
    watch(this);
    requested.set(this, limitsOf(parameters.encodings ?? []));
    const kind = this.track?.kind ?? "video";
    parameters.encodings = clampFor(
      parameters.encodings ?? [],
      this.track,
      kind,
      state.current(),
    );
    return originalSetParameters.call(this, parameters);
  };

  const originalReplaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = async function (this, track) {
    await originalReplaceTrack.call(this, track);
    applyLater(this, state);
  };

  state.onChange(() => reapplyToSenders(state));
}
