/**
 * Proof in a real Chromium that the caps script keeps senders and capture
 * within the caps: two peer connections in one page on loopback, the built
 * script loaded first, at least 12 s of warm-up for bandwidth estimation,
 * then outbound RTP stats over a 5 s window. Only upper bounds are
 * asserted, apart from one check that the noisy source can reach a cap.
 */
import { existsSync } from "node:fs";
import { resolveCaps, type CallCaps } from "@axion-stack/call-caps";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CALL_DIST,
  CHROMIUM,
  launchChromium,
  openPage,
  startTestSite,
  type Browser,
  type TestSite,
} from "../bench/call-harness.js";
import {
  measureCall,
  raiseLimits,
  startCall,
  type SendFigures,
  type SenderRequest,
} from "../bench/call-page.js";

const WARM_UP_MS = 12_000;
// Long enough that a keyframe burst does not decide the average bitrate.
const WINDOW_S = 10;
/** Slack on bitrate for RTP pacing bursts within one window. */
const BITRATE_SLACK = 1.05;
/** Slack on frame rate: a window can catch one frame more than the rate. */
const FRAMERATE_SLACK = 1.1;

/** Camera at 640x360, 15 fps and 300 kbit/s in at most two layers. */
const CAPS: CallCaps = resolveCaps("low", {
  camera: {
    maxWidth: 640,
    maxHeight: 360,
    maxFramerate: 15,
    maxBitrate: 300_000,
    simulcastLayers: 2,
  },
  screenShare: {
    maxWidth: 1280,
    maxHeight: 720,
    maxFramerate: 5,
    maxBitrate: 600_000,
  },
  audio: { maxBitrate: 24_000, dtx: true },
});

/** What the app requests: far above every cap. */
const GREEDY = [{ maxBitrate: 5_000_000, maxFramerate: 30 }];

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

const ready =
  existsSync(CHROMIUM) && existsSync(`${CALL_DIST}/axion-call-caps.js`);

function expectWithinVideoCaps(figures: SendFigures, caps: CallCaps["camera"]) {
  expect(figures.kbps * 1000).toBeLessThanOrEqual(
    caps.maxBitrate * BITRATE_SLACK,
  );
  expect(figures.height).toBeLessThanOrEqual(caps.maxHeight);
  expect(figures.width).toBeLessThanOrEqual(caps.maxWidth);
  expect(figures.fps).toBeLessThanOrEqual(caps.maxFramerate * FRAMERATE_SLACK);
  expect(figures.kbps).toBeGreaterThan(10);
}

async function startAll(page: Page, requests: SenderRequest[]) {
  const calls: number[] = [];
  for (const request of requests)
    calls.push(await page.evaluate(startCall, request));
  return calls;
}

describe.skipIf(!ready)("caps script in Chromium", () => {
  let browser: Browser;
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite({ configCaps: CAPS, wellKnownText: undefined });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("holds camera, screen and audio within the caps", async () => {
    const page = await openPage(browser, site);
    const [camera, canvas, screen, audio, silence] = await startAll(page, [
      {
        source: "camera",
        sendEncodings: GREEDY,
        video: { width: 1920, frameRate: 60 },
      },
      { source: "canvas", sendEncodings: GREEDY },
      { source: "screen", sendEncodings: GREEDY },
      { source: "audio", sendEncodings: [{ maxBitrate: 128_000 }] },
      { source: "silence", sendEncodings: [{}] },
    ]);
    await wait(WARM_UP_MS);

    expectWithinVideoCaps(
      await page.evaluate(measureCall, { index: camera!, seconds: WINDOW_S }),
      CAPS.camera,
    );
    expectWithinVideoCaps(
      await page.evaluate(measureCall, { index: canvas!, seconds: WINDOW_S }),
      CAPS.camera,
    );
    expectWithinVideoCaps(
      await page.evaluate(measureCall, { index: screen!, seconds: WINDOW_S }),
      CAPS.screenShare,
    );
    const speech = await page.evaluate(measureCall, {
      index: audio!,
      seconds: WINDOW_S,
    });
    expect(speech.kbps * 1000).toBeLessThanOrEqual(
      CAPS.audio.maxBitrate * BITRATE_SLACK,
    );
    expect(speech.encodings[0]!.maxBitrate).toBe(CAPS.audio.maxBitrate);
    const quiet = await page.evaluate(measureCall, {
      index: silence!,
      seconds: WINDOW_S,
    });
    expect(quiet.packetsPerSecond).toBeLessThan(15);
  });

  it("holds the caps when the page raises them", async () => {
    const page = await openPage(browser, site);
    const [camera, canvas] = await startAll(page, [
      { source: "camera", sendEncodings: [{ maxBitrate: 100_000 }] },
      { source: "canvas", sendEncodings: [{ maxBitrate: 100_000 }] },
    ]);
    await wait(WARM_UP_MS);
    const raise = {
      maxBitrate: 8_000_000,
      maxFramerate: 60,
      scaleResolutionDownBy: 1,
    };

    for (const call of [camera!, canvas!]) {
      const encodings = await page.evaluate(raiseLimits, {
        index: call,
        limits: raise,
      });
      expect(encodings[0]!.maxBitrate).toBe(CAPS.camera.maxBitrate);
      expect(encodings[0]!.maxFramerate).toBe(CAPS.camera.maxFramerate);
    }
    await wait(WARM_UP_MS);

    expectWithinVideoCaps(
      await page.evaluate(measureCall, { index: camera!, seconds: WINDOW_S }),
      CAPS.camera,
    );
    expectWithinVideoCaps(
      await page.evaluate(measureCall, { index: canvas!, seconds: WINDOW_S }),
      CAPS.camera,
    );
  });

  it("keeps simulcast layers and active flags", async () => {
    const page = await openPage(browser, site);
    const [call] = await startAll(page, [
      {
        source: "canvas",
        sendEncodings: [
          { rid: "q", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
          { rid: "h", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
          { rid: "f", maxBitrate: 2_000_000 },
        ],
      },
    ]);
    const encodings = await page.evaluate(raiseLimits, {
      index: call!,
      limits: [
        { active: false, maxBitrate: 900_000 },
        { maxBitrate: 3_000_000 },
      ],
    });

    expect(encodings.map((encoding) => encoding.rid)).toEqual(["h", "f"]);
    expect(encodings.map((encoding) => encoding.active)).toEqual([false, true]);
    expect(encodings[1]!.maxBitrate).toBe(CAPS.camera.maxBitrate);
    expect(encodings[0]!.scaleResolutionDownBy).toBe(2);
  });
});

describe.skipIf(!ready)("caps above 500 kbit/s in Chromium", () => {
  /** A cap the noisy canvas exceeds without it. */
  const HIGH: CallCaps = resolveCaps("high", {
    camera: {
      maxWidth: 1280,
      maxHeight: 720,
      maxFramerate: 30,
      maxBitrate: 1_200_000,
    },
    audio: { dtx: false },
  });
  let browser: Browser;
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite({ configCaps: HIGH, wellKnownText: undefined });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("holds a noisy source at 1.2 Mbit/s", async () => {
    const page = await openPage(browser, site);
    const [canvas, silence] = await startAll(page, [
      { source: "canvas", sendEncodings: GREEDY },
      { source: "silence", sendEncodings: [{}] },
    ]);
    await wait(WARM_UP_MS);
    // A longer window evens out the encoder's keyframe bursts.
    const figures = await page.evaluate(measureCall, {
      index: canvas!,
      seconds: 2 * WINDOW_S,
    });

    expectWithinVideoCaps(figures, HIGH.camera);
    // The source must be able to reach the cap, or the bound proves nothing.
    expect(figures.kbps * 1000).toBeGreaterThan(HIGH.camera.maxBitrate / 2);
    // Without required DTX, Opus keeps sending 50 packets per second.
    const quiet = await page.evaluate(measureCall, {
      index: silence!,
      seconds: WINDOW_S,
    });
    expect(quiet.packetsPerSecond).toBeGreaterThan(40);
  });
});
