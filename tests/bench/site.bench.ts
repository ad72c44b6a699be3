/**
 * Prints Lighthouse's performance and accessibility scores of the setup
 * site and its page weight. The site is built for stack.config.ts and
 * served by Debian's nginx with the generator's nginx.conf on 127.0.0.1;
 * Chromium is /usr/bin/chromium. Run with `pnpm bench:site`. It exits 1
 * when a score is under 95 or the page weight reaches 100 KB.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { resolveStack } from "@axion-stack/stack-config";
import lighthouse, { type Flags } from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import stackConfig from "../../stack.config.js";
import { buildSetupSite } from "../../apps/setup-site/src/build/build.js";
import { startNginx } from "../e2e/setup-site-nginx.js";
import { freePort } from "../e2e/setup-site-support.js";

const MIN_SCORE = 95;
const MAX_PAGE_GZIP_BYTES = 100 * 1024;
/** The setup scripts are downloads, not part of the page. */
const SCRIPT_FILE = /\.(sh|ps1)$/;

interface Scores {
  performance: number;
  accessibility: number;
  transferBytes: number;
}

/** Returns the gzip size of every page file, setup scripts left out. */
function pageGzipBytes(siteDir: string): number {
  let total = 0;
  const entries = readdirSync(siteDir, {
    recursive: true,
    withFileTypes: true,
  });
  for (const entry of entries) {
    if (
      entry.isFile() &&
      !SCRIPT_FILE.test(entry.name) &&
      !entry.name.endsWith(".json")
    ) {
      total += gzipSync(
        readFileSync(join(entry.parentPath, entry.name)),
      ).length;
    }
  }
  return total;
}

async function startChromium(profile: string) {
  const port = await freePort();
  const chromium = spawn(
    process.env.CHROME_PATH ?? "/usr/bin/chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${port}`,
      "--remote-debugging-address=127.0.0.1",
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await fetch(`http://127.0.0.1:${port}/json/version`);
      return { port, stop: () => chromium.kill() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  chromium.kill();
  throw new Error(
    `Chromium did not open its debugging port ${port} within 10 s`,
  );
}

async function audit(
  url: string,
  port: number,
  desktop: boolean,
): Promise<Scores> {
  const flags: Flags = {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
  };
  const result = await lighthouse(
    url,
    flags,
    desktop ? desktopConfig : undefined,
  );
  if (!result) {
    throw new Error(`Lighthouse returned no result for ${url}`);
  }
  const { categories, audits } = result.lhr;
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    transferBytes: audits["total-byte-weight"]?.numericValue ?? Number.NaN,
  };
}

async function main(): Promise<number> {
  const stack = resolveStack(stackConfig);
  const work = mkdtempSync(join(tmpdir(), "setup-site-bench-"));
  const siteDir = join(work, "dist");
  await buildSetupSite(stack, siteDir);
  const nginx = await startNginx(work, siteDir, stack.setupSite.path);
  const chromium = await startChromium(join(work, "profile"));

  try {
    const url = `${nginx.origin}${stack.setupSite.path}`;
    const mobile = await audit(url, chromium.port, false);
    const desktop = await audit(url, chromium.port, true);
    const gzipBytes = pageGzipBytes(siteDir);

    console.log(`setup site ${url}`);
    console.log("form factor   performance  accessibility  transferred");
    for (const [name, scores] of [
      ["mobile", mobile],
      ["desktop", desktop],
    ] as const) {
      console.log(
        `${name.padEnd(14)}${String(scores.performance).padStart(11)}` +
          `${String(scores.accessibility).padStart(15)}` +
          `${(scores.transferBytes / 1024).toFixed(1).padStart(11)} KB`,
      );
    }
    console.log(
      `page weight, gzip, scripts excluded: ${(gzipBytes / 1024).toFixed(1)} KB`,
    );

    const scores = [mobile, desktop].flatMap((s) => [
      s.performance,
      s.accessibility,
    ]);
    const passed =
      scores.every((score) => score >= MIN_SCORE) &&
      gzipBytes < MAX_PAGE_GZIP_BYTES;
    if (!passed) {
      console.error(
        `below target: every score must be at least ${MIN_SCORE} and the page under 100 KB gzip`,
      );
    }
    return passed ? 0 : 1;
  } finally {
    chromium.stop();
    await nginx.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
