import { describe, expect, it } from "vitest";
import { capOpusInSdp } from "./sdp.js";

const SDP = [
  "v=0",
  "m=audio 9 UDP/TLS/RTP/SAVPF 111 63",
  "a=rtpmap:111 opus/48000/2",
  "a=fmtp:111 minptime=10;useinbandfec=1",
  "a=rtpmap:63 red/48000/2",
  "a=fmtp:63 111/111",
  "m=video 9 UDP/TLS/RTP/SAVPF 96",
  "a=rtpmap:96 VP8/90000",
  "",
].join("\r\n");

describe("capOpusInSdp", () => {
  it("adds DTX and the bitrate cap to Opus", () => {
    const sdp = capOpusInSdp(SDP, { maxBitrate: 24_000, dtx: true });

    expect(sdp).toContain(
      "a=fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=24000;usedtx=1\r\n",
    );
  });

  it("keeps every other line", () => {
    const sdp = capOpusInSdp(SDP, { maxBitrate: 24_000, dtx: true });

    expect(
      sdp.split("\r\n").filter((l) => !l.startsWith("a=fmtp:111")),
    ).toEqual(SDP.split("\r\n").filter((l) => !l.startsWith("a=fmtp:111")));
  });

  it("lowers a higher maxaveragebitrate and keeps a lower one", () => {
    const high = SDP.replace("useinbandfec=1", "maxaveragebitrate=128000");
    const low = SDP.replace("useinbandfec=1", "maxaveragebitrate=16000");
    const caps = { maxBitrate: 24_000, dtx: false };

    expect(capOpusInSdp(high, caps)).toContain("maxaveragebitrate=24000");
    expect(capOpusInSdp(low, caps)).toContain("maxaveragebitrate=16000");
  });

  it("replaces usedtx=0 when DTX is required", () => {
    const sdp = capOpusInSdp(SDP.replace("useinbandfec=1", "usedtx=0"), {
      maxBitrate: 24_000,
      dtx: true,
    });

    expect(sdp).not.toContain("usedtx=0");
    expect(sdp).toContain("usedtx=1");
  });

  it("leaves DTX alone when not required", () => {
    const sdp = capOpusInSdp(SDP, { maxBitrate: 64_000, dtx: false });

    expect(sdp).not.toContain("usedtx");
  });

  it("returns an SDP without Opus unchanged", () => {
    const video = "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";

    expect(capOpusInSdp(video, { maxBitrate: 1, dtx: true })).toBe(video);
  });
});
