import type { OperatingSystem } from "./scripts/render.js";

/**
 * Guesses the visitor's desktop operating system from
 * `navigator.userAgentData.platform` or `navigator.platform` and the user
 * agent. Returns undefined for phones, tablets, ChromeOS and anything else
 * that has no setup script.
 */
export function detectOperatingSystem(
  platform: string,
  userAgent: string,
): OperatingSystem | undefined {
  const text = `${platform} ${userAgent}`.toLowerCase();
  if (/android|iphone|ipad|ipod|cros/.test(text)) {
    return undefined;
  }
  // "darwin" contains "win", so macOS is matched before Windows.
  if (/mac|darwin/.test(text)) {
    return "macos";
  }
  if (text.includes("win")) {
    return "windows";
  }
  if (/linux|x11/.test(text)) {
    return "linux";
  }
  return undefined;
}
