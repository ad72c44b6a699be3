/**
 * The built setup site in real Chromium, served by real nginx with the
 * generator's nginx.conf on 127.0.0.1. Screenshots of the page and of each
 * theme preview go to tests/artifacts/setup-site/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveStack } from "@axion-stack/stack-config";
import { THEMES } from "@axion-stack/themes";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import stackConfig from "../../stack.config.js";
import { buildSetupSite } from "../../apps/setup-site/src/build/build.js";
import { startNginx, type RunningNginx } from "./setup-site-nginx.js";

const stack = resolveStack(stackConfig);
const PATH = stack.setupSite.path;
const ARTIFACTS = fileURLToPath(
  new URL("../artifacts/setup-site", import.meta.url),
);
const work = mkdtempSync(join(tmpdir(), "setup-site-browser-"));
const siteDir = join(work, "dist");

/** The Chromium flags every test launch uses; none of them reach the network. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const USER_AGENTS = {
  windows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  macos:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  linux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
} as const;

let nginx: RunningNginx;
const contexts: BrowserContext[] = [];

/** Opens the site in a fresh Chromium profile with the given options. */
async function openSite(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(work, "profile-")),
    { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, ...options },
  );
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${nginx.origin}${PATH}`);
  return { page, errors };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildSetupSite(stack, siteDir);
  nginx = await startNginx(work, siteDir, PATH);
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close();
  }
  await nginx?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("setup site without JavaScript", () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await openSite({ javaScriptEnabled: false }));
  });

  it.each(["windows", "macos", "linux"])("shows the %s section", async (os) => {
    const section = page.locator(`section#${os}`);
    await expect(section.isVisible()).resolves.toBe(true);
    const command = await section.locator(".command code").textContent();
    expect(command).toContain(`${stack.setupSite.url}setup-`);
  });

  it("keeps the detected-system hint hidden", async () => {
    await expect(page.locator("#detected-os").isVisible()).resolves.toBe(false);
  });

  it("follows the section links", async () => {
    await page
      .getByRole("navigation")
      .getByRole("link", { name: "Linux", exact: true })
      .click();
    expect(new URL(page.url()).hash).toBe("#linux");
    await expect(page.locator("#linux-title").isVisible()).resolves.toBe(true);
  });

  it.each(["setup-windows.ps1", "setup-macos.sh", "setup-linux.sh"])(
    "serves %s as the built script in UTF-8 text",
    async (file) => {
      const href = await page
        .locator(`a.download[href="${file}"]`)
        .getAttribute("href");
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe(
        "text/plain; charset=utf-8",
      );
      expect(await response.text()).toBe(
        readFileSync(join(siteDir, file), "utf8"),
      );
    },
  );
});

describe("setup site with JavaScript", () => {
  it.each(Object.entries(USER_AGENTS))(
    "puts %s first for its user agent",
    async (os, userAgent) => {
      const { page, errors } = await openSite({ userAgent });
      const first = await page
        .locator(".systems > section")
        .first()
        .getAttribute("id");
      expect(first).toBe(os);
      const hint = page.locator("#detected-os");
      await expect(hint.isVisible()).resolves.toBe(true);
      expect(errors).toEqual([]);
    },
  );

  it("downloads the script from its link", async () => {
    const { page } = await openSite({ userAgent: USER_AGENTS.linux });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('a.download[href="setup-linux.sh"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe("setup-linux.sh");
    const saved = join(work, "downloaded-setup-linux.sh");
    await download.saveAs(saved);
    expect(readFileSync(saved, "utf8")).toBe(
      readFileSync(join(siteDir, "setup-linux.sh"), "utf8"),
    );
  });

  it("moves focus to the skip link first", async () => {
    const { page } = await openSite();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(
      () => document.activeElement?.className,
    );
    expect(focused).toBe("skip-link");
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#main");
  });

  it("names each copy button", async () => {
    const { page } = await openSite({ permissions: ["clipboard-write"] });
    const names = await page
      .locator(".command button")
      .evaluateAll((buttons) =>
        buttons.map((button) => button.getAttribute("aria-label")),
      );
    expect([...names].sort()).toEqual([
      "Copy the Linux command",
      "Copy the Windows command",
      "Copy the macOS command",
    ]);
  });

  it.each([
    { reducedMotion: "reduce" as const, behaviour: "auto" },
    { reducedMotion: "no-preference" as const, behaviour: "smooth" },
  ])(
    "scrolls $behaviour when motion is $reducedMotion",
    async ({ reducedMotion, behaviour }) => {
      const { page } = await openSite({ reducedMotion });
      const value = await page.evaluate(
        () => getComputedStyle(document.documentElement).scrollBehavior,
      );
      expect(value).toBe(behaviour);
    },
  );
});

describe("theme previews", () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await openSite({ viewport: { width: 1280, height: 900 } }));
    await page.screenshot({
      path: join(ARTIFACTS, "page.png"),
      fullPage: true,
    });
  });

  it.each(THEMES.map((theme) => [theme.name, theme] as const))(
    "%s preview uses the theme's colours",
    async (_name, theme) => {
      const preview = page.locator(`#theme-${theme.slug}`);
      await preview.screenshot({
        path: join(ARTIFACTS, `theme-${theme.slug}.png`),
      });
      const background = await preview
        .locator(".mock-timeline")
        .evaluate((element) => getComputedStyle(element).backgroundColor);
      const hex = theme.colors["timeline-background-color"];
      const [r, g, b] = [1, 3, 5].map((i) =>
        Number.parseInt(hex.slice(i, i + 2), 16),
      );
      expect(background).toBe(`rgb(${r}, ${g}, ${b})`);
    },
  );
});

describe("nginx serving the site", () => {
  it("redirects the bare path to the site", async () => {
    const response = await fetch(`${nginx.origin}${PATH.replace(/\/$/, "")}`, {
      redirect: "manual",
    });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(PATH);
  });

  it("sends a restrictive Content-Security-Policy", async () => {
    const response = await fetch(`${nginx.origin}${PATH}`);
    expect(response.headers.get("content-security-policy")).toContain(
      "default-src 'none'",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("compresses the page", async () => {
    const response = await fetch(`${nginx.origin}${PATH}`, {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(response.headers.get("content-encoding")).toBe("gzip");
  });

  it("caches hashed assets for a year", async () => {
    const html = await (await fetch(`${nginx.origin}${PATH}`)).text();
    const asset = /src="([^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(`${nginx.origin}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(
      "public, max-age=31536000, immutable",
    );
  });
});
