/**
 * `pnpm bench:call`: what a participant sends with Element Call's own
 * defaults and under each caps profile, and what the caps script adds to
 * the widget. Prints a Markdown table; asserts nothing.
 *
 * Each case is one page in Debian's Chromium with two peer connections on
 * loopback. The sender publishes a noisy 1280x720 canvas at 30 fps (a
 * camera compresses too well to reach the caps) with the three simulcast
 * layers Element Call 0.24 requests from LiveKit, plus the fake microphone.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  CAPS_KEY,
  capsToDocument,
  mediaQuality,
  PROFILE_NAMES,
  PROFILES,
  type CallCaps,
} from "@axion-stack/call-caps";
import {
  builtScript,
  CALL_DIST,
  launchChromium,
  openPage,
  startTestSite,
  type Browser,
} from "./call-harness.js";
import {
  measureCall,
  startCall,
  type SendFigures,
  type SenderRequest,
} from "./call-page.js";

const WARM_UP_MS = Number(process.env.AXION_BENCH_WARM_UP_MS ?? 15_000);
const WINDOW_S = Number(process.env.AXION_BENCH_WINDOW_S ?? 6);

/**
 * Element Call 0.24's camera publication: LiveKit's 180p and 360p presets
 * below a 720p layer at 1.7 Mbit/s and 30 fps.
 */
const UPSTREAM_LAYERS: RTCRtpEncodingParameters[] = [
  { rid: "q", scaleResolutionDownBy: 4, maxBitrate: 160_000, maxFramerate: 20 },
  { rid: "h", scaleResolutionDownBy: 2, maxBitrate: 450_000, maxFramerate: 20 },
  {
    rid: "f",
    scaleResolutionDownBy: 1,
    maxBitrate: 1_700_000,
    maxFramerate: 30,
  },
];

/** LiveKit's "music" audio preset, which Element Call 0.24 uses. */
const UPSTREAM_AUDIO: RTCRtpEncodingParameters[] = [{ maxBitrate: 48_000 }];

const VIDEO_REQUEST: SenderRequest = {
  source: "canvas",
  sendEncodings: UPSTREAM_LAYERS,
};
const AUDIO_REQUEST: SenderRequest = {
  source: "audio",
  sendEncodings: UPSTREAM_AUDIO,
};

interface Row {
  name: string;
  video: SendFigures;
  audio: SendFigures;
}

/** Launches a Chromium that can run functions compiled by tsx. */
async function launchForTsx(): Promise<Browser> {
  const browser = await launchChromium();
  // tsx compiles with esbuild's keepNames, which wraps functions in a
  // `__name` helper that the page does not have when Playwright sends
  // their source text there.
  await browser.context.addInitScript({
    content: "globalThis.__name = (target) => target;",
  });
  return browser;
}

/** Runs one case in a browser and a test site of its own. */
async function runCase(name: string, caps: CallCaps | undefined): Promise<Row> {
  console.error(`bench:call: ${name}`);
  const site = await startTestSite({
    configCaps: caps,
    wellKnownText: undefined,
  });
  const browser = await launchForTsx();
  try {
    const page = caps
      ? await openPage(browser, site)
      : await browser.context.newPage();
    if (!caps) await page.goto(`${site.origin}/plain`);
    const video = await page.evaluate(startCall, VIDEO_REQUEST);
    const audio = await page.evaluate(startCall, AUDIO_REQUEST);
    await new Promise((done) => setTimeout(done, WARM_UP_MS));
    const videoFigures = await page.evaluate(measureCall, {
      index: video,
      seconds: WINDOW_S,
    });
    const audioFigures = await page.evaluate(measureCall, {
      index: audio,
      seconds: WINDOW_S,
    });
    return { name, video: videoFigures, audio: audioFigures };
  } finally {
    await browser.close();
    await site.close();
  }
}

function sizeReport(): string[] {
  const script = builtScript();
  const upstream = readFileSync(
    join(CALL_DIST, "config.upstream.json"),
    "utf8",
  );
  const config = JSON.stringify({
    ...JSON.parse(upstream),
    media_quality: mediaQuality(PROFILES.balanced),
    [CAPS_KEY]: capsToDocument(PROFILES.balanced),
  });
  const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
  const tag = '<script src="./axion-call-caps.js"></script>';
  return [
    `| caps script | ${script.length} B | ${gzip(script)} B gzip |`,
    `| script tag in index.html | ${tag.length} B | |`,
    `| config.json growth (balanced) | ${config.length - upstream.length} B | ${
      gzip(config) - gzip(upstream)
    } B gzip |`,
  ];
}

function formatRow(row: Row): string {
  const total = row.video.kbps + row.audio.kbps;
  return (
    `| ${row.name} | ${row.video.kbps.toFixed(0)} | ${row.audio.kbps.toFixed(1)} ` +
    `| ${total.toFixed(0)} | ${row.video.width}x${row.video.height} ` +
    `| ${row.video.fps.toFixed(1)} | ${row.video.encodings.length} |`
  );
}

async function main(): Promise<void> {
  const rows: Row[] = [await runCase("Element Call defaults", undefined)];
  for (const name of PROFILE_NAMES) {
    rows.push(await runCase(name, PROFILES[name]));
  }

  const lines = [
    `Warm-up ${WARM_UP_MS / 1000} s, window ${WINDOW_S} s, noisy 1280x720 canvas.`,
    "",
    "| case | video kbit/s | audio kbit/s | total kbit/s | top frame | fps | layers |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(formatRow),
    "",
    "| added to the widget | bytes | gzip |",
    "|---|---|---|",
    ...sizeReport(),
  ];
  const base = rows[0]!.video.kbps + rows[0]!.audio.kbps;
  const low = rows[1]!.video.kbps + rows[1]!.audio.kbps;
  lines.push(
    "",
    `low / defaults: ${((low / base) * 100).toFixed(1)} % (target: at most 25 %)`,
  );
  console.log(lines.join("\n"));
}

await main();
