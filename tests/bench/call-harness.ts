/**
 * Shared by the Element Call browser tests and `pnpm bench:call`: Debian's
 * Chromium driven by playwright-core, and a test page on 127.0.0.1 that
 * loads the built caps script with a config.json and a well-known.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  capsToDocument,
  CAPS_KEY,
  widgetConfig,
  WELL_KNOWN_URL_KEY,
  type CallCaps,
  type CapsDocument,
} from "@axion-stack/call-caps";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const REPO_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../..",
);

/** Output of `pnpm --filter @axion-stack/element-call build`. */
export const CALL_DIST = join(REPO_ROOT, "apps/element-call/dist");

/** Debian's Chromium; nothing here downloads a browser. */
export const CHROMIUM = process.env.AXION_CHROMIUM ?? "/usr/bin/chromium";

/** Flags for a headless Chromium with fake media devices on loopback only. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  "--auto-select-desktop-capture-source=Entire screen",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A Chromium with its own temporary profile. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a temporary `--user-data-dir`. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "axion-call-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What the test page serves; tests change it between pages. */
export interface PageDocuments {
  /** Caps written into config.json, or undefined for no caps key. */
  configCaps: CallCaps | undefined;
  /** Text of `/.well-known/matrix/client`, or undefined for HTTP 404. */
  wellKnownText: string | undefined;
}

/** Returns the well-known text with our caps document in it. */
export function wellKnownWith(document: unknown): string {
  return JSON.stringify({
    "m.homeserver": { base_url: "https://matrix.example.org" },
    [CAPS_KEY]: document,
  });
}

/** Reads the caps script from the build, naming the fix when it is missing. */
export function builtScript(): string {
  try {
    return readFileSync(join(CALL_DIST, "axion-call-caps.js"), "utf8");
  } catch {
    throw new Error(
      `${CALL_DIST}/axion-call-caps.js not found: build it first with ` +
        "`pnpm --filter @axion-stack/element-call build`",
    );
  }
}

function configText(documents: PageDocuments, origin: string): string {
  const upstream = JSON.parse(
    readFileSync(join(CALL_DIST, "config.upstream.json"), "utf8"),
  ) as Record<string, unknown>;
  if (!documents.configCaps) return JSON.stringify(upstream);
  const config = widgetConfig(upstream, {
    caps: documents.configCaps,
    wellKnownUrl: `${origin}/.well-known/matrix/client`,
    withMediaQuality: true,
  });
  return JSON.stringify(config);
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<script src="/axion-call-caps.js"></script><title>caps test</title></head>
<body></body></html>`;

/** The same page without the caps script, for Element Call's defaults. */
const PLAIN_PAGE = PAGE.replace(/<script[^>]*><\/script>/, "");

/** A test page server on 127.0.0.1 with an OS-chosen port. */
export interface TestSite {
  origin: string;
  documents: PageDocuments;
  close(): Promise<void>;
}

/** Starts the test page server. */
export async function startTestSite(
  documents: PageDocuments,
): Promise<TestSite> {
  const script = builtScript();
  const site = { documents } as TestSite;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", site.origin).pathname;
    const send = (type: string, body: string | undefined) => {
      response.writeHead(body === undefined ? 404 : 200, {
        "content-type": type,
      });
      response.end(body ?? "not found");
    };
    if (path === "/") send("text/html", PAGE);
    else if (path === "/plain") send("text/html", PLAIN_PAGE);
    else if (path === "/axion-call-caps.js") send("text/javascript", script);
    else if (path === "/config.json")
      send("application/json", configText(site.documents, site.origin));
    else if (path === "/.well-known/matrix/client")
      send("application/json", site.documents.wellKnownText);
    else send("text/plain", undefined);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  site.origin = `http://127.0.0.1:${port}`;
  site.close = () => new Promise((done) => server.close(() => done()));
  return site;
}

/** Opens the test page and waits until the caps script has loaded caps. */
export async function openPage(
  browser: Browser,
  site: TestSite,
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}/`);
  await page.evaluate(
    () =>
      (window as unknown as { axionCallCaps: { settled: Promise<void> } })
        .axionCallCaps.settled,
  );
  return page;
}

/** Returns the caps in force in the page, as a document. */
export async function capsInPage(page: Page): Promise<CapsDocument> {
  const caps = await page.evaluate(() =>
    (
      window as unknown as { axionCallCaps: { current(): unknown } }
    ).axionCallCaps.current(),
  );
  return capsToDocument(caps as CallCaps);
}

export { WELL_KNOWN_URL_KEY };
