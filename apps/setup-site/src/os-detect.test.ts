import { describe, expect, it } from "vitest";
import { detectOperatingSystem } from "./os-detect.js";

describe("detectOperatingSystem", () => {
  it.each([
    {
      name: "Windows Chrome",
      platform: "Windows",
      userAgent:
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
      os: "windows",
    },
    {
      name: "macOS Safari",
      platform: "MacIntel",
      userAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      os: "macos",
    },
    {
      name: "Linux Firefox",
      platform: "Linux x86_64",
      userAgent:
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      os: "linux",
    },
    { name: "platform only", platform: "darwin", userAgent: "", os: "macos" },
    {
      name: "Android",
      platform: "Linux armv8l",
      userAgent:
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
      os: undefined,
    },
    {
      name: "iPhone",
      platform: "iPhone",
      userAgent:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15",
      os: undefined,
    },
    {
      name: "ChromeOS",
      platform: "Linux x86_64",
      userAgent:
        "Mozilla/5.0 (X11; CrOS x86_64 15633.69.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
      os: undefined,
    },
    { name: "unknown", platform: "", userAgent: "", os: undefined },
  ])("returns $os for $name", ({ platform, userAgent, os }) => {
    expect(detectOperatingSystem(platform, userAgent)).toBe(os);
  });
});
