/**
 * Contract with the pinned `@element-hq/element-call-embedded` package:
 * fails when a version bump breaks the injection point, changes the
 * shipped config.json, or renames the `media_quality` keys we write.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  BUILD_ELEMENT_CALL_VERSION,
  EMBEDDED_BY_ESS_VERSION,
  mediaQuality,
  PROFILES,
} from "@axion-stack/call-caps";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const packageDir = dirname(
  require.resolve("@element-hq/element-call-embedded/package.json"),
);
const read = (path: string) => readFileSync(join(packageDir, path), "utf8");

/** Finds the bundle that contains Element Call's config defaults. */
function configBundle(): string {
  const assets = join(packageDir, "dist/assets");
  for (const file of readdirSync(assets).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(assets, file), "utf8");
    if (text.includes("media_quality")) return text;
  }
  throw new Error("no bundle in dist/assets mentions media_quality");
}

/** Lists every key path of an object, such as `video.max_bitrate`. */
function keyPaths(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, field]) =>
    typeof field === "object" && field !== null && !Array.isArray(field)
      ? keyPaths(field, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe("@element-hq/element-call-embedded", () => {
  it("is the version the build records", () => {
    const version = JSON.parse(read("package.json")).version;

    expect(version).toBe(BUILD_ELEMENT_CALL_VERSION);
    expect(version).toBe(EMBEDDED_BY_ESS_VERSION["26.8.1"].elementCall);
  });

  it("has one <head> for nginx to insert our script after", () => {
    const html = read("dist/index.html");

    expect(html.match(/<head>/gi)).toHaveLength(1);
    expect(html.indexOf("<head>")).toBeLessThan(html.indexOf("<script"));
  });

  it("loads the app as a module script, after classic scripts", () => {
    const html = read("dist/index.html");

    expect(html).toMatch(
      /<script type="module" crossorigin src="\.\/assets\/index-[^"]+\.js">/,
    );
  });

  it("ships the config.json that we extend", () => {
    expect(JSON.parse(read("dist/config.json"))).toEqual({
      matrix_rtc_session: {
        wait_for_key_rotation_ms: 5000,
        delayed_leave_event_restart_ms: 4000,
        delayed_leave_event_delay_ms: 18000,
      },
    });
  });

  it("reads every media_quality key we write", () => {
    const bundle = configBundle();
    const keys = new Set(
      keyPaths(mediaQuality(PROFILES.high)).flatMap((path) => path.split(".")),
    );
    keys.add("media_quality");
    keys.add("height");
    keys.add("bitrate");

    for (const key of keys) {
      expect(bundle, key).toContain(key);
    }
  });
});
