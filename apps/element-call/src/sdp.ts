/**
 * SDP changes for the audio caps. Opus reads `usedtx` and
 * `maxaveragebitrate` (RFC 7587) from the receiver's fmtp line, and Chrome
 * configures its encoder from the remote description, so both descriptions
 * of a connection get them.
 */
import type { AudioCaps } from "@axion-stack/call-caps";

const OPUS_RTPMAP = /^a=rtpmap:(\d+) opus\/48000/i;

/** Payload types of Opus in an SDP, from its `a=rtpmap` lines. */
function opusPayloadTypes(lines: string[]): Set<string> {
  const types = new Set<string>();
  for (const line of lines) {
    const match = OPUS_RTPMAP.exec(line);
    if (match) types.add(match[1]!);
  }
  return types;
}

/** Returns an fmtp parameter list with `name` set to at most `value`. */
function capParameter(params: string[], name: string, value: number) {
  const index = params.findIndex((param) => param.startsWith(`${name}=`));
  if (index === -1) return [...params, `${name}=${value}`];

  const current = Number(params[index]!.slice(name.length + 1));
  const capped = Number.isFinite(current) ? Math.min(current, value) : value;
  return params.map((param, i) => (i === index ? `${name}=${capped}` : param));
}

/** Rewrites one Opus fmtp line; `prefix` is `a=fmtp:<payload type> `. */
function capFmtpLine(prefix: string, rest: string, caps: AudioCaps): string {
  let params = rest.split(";").filter((param) => param.trim() !== "");
  params = params.map((param) => param.trim());
  params = capParameter(params, "maxaveragebitrate", caps.maxBitrate);
  if (caps.dtx) {
    params = params.filter((param) => !param.startsWith("usedtx="));
    params.push("usedtx=1");
  }
  return prefix + params.join(";");
}

/**
 * Returns the SDP with every Opus fmtp line capped: `maxaveragebitrate` at
 * most the audio cap, and `usedtx=1` when the caps require DTX. Other lines
 * are kept byte for byte, including their CRLF line ends.
 */
export function capOpusInSdp(sdp: string, caps: AudioCaps): string {
  const lines = sdp.split("\r\n");
  const opus = opusPayloadTypes(lines);
  if (opus.size === 0) return sdp;

  return lines
    .map((line) => {
      const match = /^(a=fmtp:(\d+) )(.*)$/.exec(line);
      if (!match || !opus.has(match[2]!)) return line;
      return capFmtpLine(match[1]!, match[3]!, caps);
    })
    .join("\r\n");
}
