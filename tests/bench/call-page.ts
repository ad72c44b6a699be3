/**
 * Code that runs inside the test page, passed to Playwright's
 * `page.evaluate`. Each function must be self-contained: Playwright sends
 * its source text to the browser, so it may not use imports or closures.
 */

/** Encodings and capture that the page requests, as an app would. */
export interface SenderRequest {
  /** `canvas`: noisy 1280x720 canvas; `camera`: getUserMedia; `screen`: getDisplayMedia; `audio`: microphone; `silence`: a silent audio track. */
  source: "canvas" | "camera" | "screen" | "audio" | "silence";
  sendEncodings: RTCRtpEncodingParameters[];
  /** Capture constraints for `camera` and `screen`. */
  video?: MediaTrackConstraints;
}

/** Outbound figures over a measuring window, summed over layers. */
export interface SendFigures {
  kbps: number;
  width: number;
  height: number;
  fps: number;
  packetsPerSecond: number;
  encodings: RTCRtpEncodingParameters[];
}

/**
 * Starts a call between two peer connections in the page and returns its
 * index in `window.calls`. The sending side requests `request`.
 */
export async function startCall(request: SenderRequest): Promise<number> {
  const w = window as unknown as {
    calls?: { pc: RTCPeerConnection; sender: RTCRtpSender }[];
  };

  /**
   * A 1280x720 canvas at 30 fps showing 2x2-pixel random noise that pans
   * by 4 pixels a frame. Every frame is full of detail, as a camera facing
   * foliage would be, but motion prediction still works, so the encoder's
   * rate control can meet a bitrate target. Fresh noise in every frame
   * would overshoot any target the encoder is given.
   */
  function noisyCanvasTrack(): MediaStreamTrack {
    const canvas = document.createElement("canvas");
    canvas.width = 1280;
    canvas.height = 720;
    const context = canvas.getContext("2d")!;
    const tile = document.createElement("canvas");
    tile.width = 640;
    tile.height = 360;
    const tileContext = tile.getContext("2d")!;
    const image = tileContext.createImageData(640, 360);
    for (let i = 0; i < image.data.length; i += 1) {
      image.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
    }
    tileContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    let offset = 0;
    setInterval(() => {
      offset = (offset + 4) % 1280;
      context.drawImage(tile, -offset, 0, 1280, 720);
      context.drawImage(tile, 1280 - offset, 0, 1280, 720);
    }, 1000 / 30);
    return canvas.captureStream(30).getVideoTracks()[0]!;
  }

  function silentTrack(): MediaStreamTrack {
    const audio = new AudioContext();
    const destination = audio.createMediaStreamDestination();
    const gain = audio.createGain();
    gain.gain.value = 0;
    const oscillator = audio.createOscillator();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    return destination.stream.getAudioTracks()[0]!;
  }

  async function sourceTrack(): Promise<MediaStreamTrack> {
    const devices = navigator.mediaDevices;
    switch (request.source) {
      case "canvas":
        return noisyCanvasTrack();
      case "silence":
        return silentTrack();
      case "camera":
        return (
          await devices.getUserMedia({ video: request.video ?? true })
        ).getVideoTracks()[0]!;
      case "screen":
        return (
          await devices.getDisplayMedia({ video: request.video ?? true })
        ).getVideoTracks()[0]!;
      case "audio":
        return (
          await devices.getUserMedia({ audio: true })
        ).getAudioTracks()[0]!;
    }
  }

  /**
   * Adds the offer's simulcast layers to the answer's video section, as an
   * SFU would: otherwise Chrome accepts only one layer of a simulcast offer.
   */
  function acceptSimulcast(offer: string, answer: string): string {
    const rids = [...offer.matchAll(/^a=rid:(\S+) send/gm)].map((m) => m[1]);
    if (rids.length < 2) return answer;
    const lines = rids.map((rid) => `a=rid:${rid} recv`);
    lines.push(`a=simulcast:recv ${rids.join(";")}`);
    const [head, ...sections] = answer.split(/\r\n(?=m=)/);
    const patched = sections.map((section) =>
      section.startsWith("m=video")
        ? `${section.replace(/\r\n$/, "")}\r\n${lines.join("\r\n")}\r\n`
        : section,
    );
    return [head, ...patched].join("\r\n");
  }

  const track = await sourceTrack();
  const sending = new RTCPeerConnection();
  const receiving = new RTCPeerConnection();
  sending.onicecandidate = (event) =>
    event.candidate && receiving.addIceCandidate(event.candidate);
  receiving.onicecandidate = (event) =>
    event.candidate && sending.addIceCandidate(event.candidate);

  const transceiver = sending.addTransceiver(track, {
    direction: "sendonly",
    sendEncodings: request.sendEncodings,
  });
  await sending.setLocalDescription(await sending.createOffer());
  await receiving.setRemoteDescription(sending.localDescription!);
  await receiving.setLocalDescription(await receiving.createAnswer());
  await sending.setRemoteDescription({
    type: "answer",
    sdp: acceptSimulcast(
      sending.localDescription!.sdp,
      receiving.localDescription!.sdp,
    ),
  });

  w.calls ??= [];
  w.calls.push({ pc: sending, sender: transceiver.sender });
  return w.calls.length - 1;
}

/** Measures a call's outbound RTP over `seconds`. */
export async function measureCall(args: {
  index: number;
  seconds: number;
}): Promise<SendFigures> {
  const { index, seconds } = args;
  const w = window as unknown as {
    calls: { pc: RTCPeerConnection; sender: RTCRtpSender }[];
  };
  const { pc, sender } = w.calls[index]!;

  async function snapshot() {
    const stats = await pc.getStats();
    let bytes = 0;
    let packets = 0;
    let frames = 0;
    let width = 0;
    let height = 0;
    stats.forEach((report) => {
      if (report.type !== "outbound-rtp") return;
      bytes += report.bytesSent ?? 0;
      packets += report.packetsSent ?? 0;
      frames = Math.max(frames, report.framesEncoded ?? 0);
      width = Math.max(width, report.frameWidth ?? 0);
      height = Math.max(height, report.frameHeight ?? 0);
    });
    return { bytes, packets, frames, width, height, time: performance.now() };
  }

  const start = await snapshot();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const end = await snapshot();
  const elapsed = (end.time - start.time) / 1000;
  return {
    kbps: ((end.bytes - start.bytes) * 8) / elapsed / 1000,
    width: end.width,
    height: end.height,
    fps: (end.frames - start.frames) / elapsed,
    packetsPerSecond: (end.packets - start.packets) / elapsed,
    encodings: sender.getParameters().encodings,
  };
}

/**
 * Asks a call's sender for new encoding fields, as an app raising its
 * limits or pausing a layer would. A single object applies to every layer,
 * an array to the layers in order.
 */
export async function raiseLimits(args: {
  index: number;
  limits: RTCRtpEncodingParameters | RTCRtpEncodingParameters[];
}): Promise<RTCRtpEncodingParameters[]> {
  const { index, limits } = args;
  const w = window as unknown as { calls: { sender: RTCRtpSender }[] };
  const sender = w.calls[index]!.sender;
  const parameters = sender.getParameters();
  parameters.encodings = parameters.encodings.map((encoding, layer) => ({
    ...encoding,
    ...(Array.isArray(limits) ? limits[layer] : limits),
  }));
  await sender.setParameters(parameters);
  return sender.getParameters().encodings;
}
