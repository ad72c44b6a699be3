/**
 * Caps on negotiation: Opus DTX and its bitrate go into both session
 * descriptions, and video transceivers prefer the codec of the caps.
 */
import type { VideoCodec } from "@axion-stack/call-caps";
import { capOpusInSdp } from "./sdp.js";
import type { CapsState } from "./state.js";

type Description = RTCSessionDescriptionInit | undefined;

function capDescription(description: Description, state: CapsState) {
  if (!description?.sdp) return description;
  const sdp = capOpusInSdp(description.sdp, state.current().audio);
  return { type: description.type, sdp };
}

/** Moves the codecs of `codec` to the front, keeping the rest in order. */
export function preferCodec<T extends { mimeType: string }>(
  codecs: readonly T[],
  codec: VideoCodec,
): T[] {
  const mimeType = `video/${codec}`.toLowerCase();
  const preferred = codecs.filter((c) => c.mimeType.toLowerCase() === mimeType);
  const others = codecs.filter((c) => c.mimeType.toLowerCase() !== mimeType);
  return [...preferred, ...others];
}

/**
 * Makes a new video transceiver prefer the codec of the caps, for apps
 * that never call `setCodecPreferences` themselves.
 */
export function preferCapsCodec(
  transceiver: RTCRtpTransceiver,
  codec: VideoCodec,
): void {
  const capabilities = RTCRtpReceiver.getCapabilities("video");
  if (!capabilities) return;
  transceiver.setCodecPreferences(preferCodec(capabilities.codecs, codec));
}

function isVideoList(codecs: readonly RTCRtpCodec[]): boolean {
  return codecs.some((codec) => codec.mimeType.startsWith("video/"));
}

/** Installs the negotiation wrappers. */
export function installNegotiationCaps(state: CapsState): void {
  const prototype = RTCPeerConnection.prototype;
  const originalLocal = prototype.setLocalDescription as (
    description?: Description,
  ) => Promise<void>;
  const originalRemote = prototype.setRemoteDescription as (
    description: Description,
  ) => Promise<void>;

  prototype.setLocalDescription = function (
    this: RTCPeerConnection,
    description?: Description,
  ) {
    return originalLocal.call(this, capDescription(description, state));
  } as typeof prototype.setLocalDescription;
  prototype.setRemoteDescription = function (
    this: RTCPeerConnection,
    description: Description,
  ) {
    return originalRemote.call(this, capDescription(description, state));
  } as typeof prototype.setRemoteDescription;

  const originalPreferences = RTCRtpTransceiver.prototype.setCodecPreferences;
  RTCRtpTransceiver.prototype.setCodecPreferences = function (this, codecs) {
    const list = [...codecs];
    const ordered = isVideoList(list)
      ? preferCodec(list, state.current().videoCodec)
      : list;
    return originalPreferences.call(this, ordered);
  };
}
