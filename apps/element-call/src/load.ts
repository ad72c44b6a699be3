/**
 * Loads the caps: the deploy-time caps from the widget's config.json, then
 * an admin's caps from the client well-known, merged by the stricter-wins
 * rule. A missing or broken document is ignored with a logged warning.
 */
import {
  CAPS_KEY,
  decodeJson,
  isJsonObject,
  mergeCaps,
  parseCapsFromText,
  resolveCaps,
  WELL_KNOWN_URL_KEY,
  type CallCaps,
  type ParseResult,
} from "@axion-stack/call-caps";
import { createLogger } from "./logger.js";

const log = createLogger("load");

/**
 * Caps in force until config.json is read, and for every field that
 * config.json leaves out: the strictest profile, so a broken deployment
 * fails closed.
 */
export const FALLBACK_PROFILE = "low";

/** How long one document fetch may take before it is ignored. */
export const FETCH_TIMEOUT_MS = 5000;

/** Fetches a document's text, or returns undefined and logs why not. */
async function fetchText(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      cache: "no-store",
      credentials: "omit",
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) {
      log.warn(`${url}: HTTP ${response.status}, caps in it ignored`);
      return undefined;
    }
    return await response.text();
  } catch (error) {
    log.warn(`${url}: fetch failed (${String(error)}), caps in it ignored`);
    return undefined;
  }
}

function report(url: string, result: ParseResult): void {
  for (const warning of result.warnings) log.warn(`${url}: ${warning}`);
}

/** Reads the well-known URL that config.json names, if it names one. */
function wellKnownUrl(text: string, base: string): string | undefined {
  const decoded = decodeJson(text, () => {});
  if (!decoded || !isJsonObject(decoded.value)) return undefined;

  const url = decoded.value[WELL_KNOWN_URL_KEY];
  if (typeof url !== "string") return undefined;
  try {
    return new URL(url, base).href;
  } catch {
    log.warn(`${WELL_KNOWN_URL_KEY}: ${JSON.stringify(url)} is not a URL`);
    return undefined;
  }
}

/**
 * Loads both documents and calls `apply` with the caps after each one, so
 * the config.json caps are in force while the well-known is still loading.
 */
export async function loadCaps(
  configUrl: string,
  apply: (caps: CallCaps) => void,
): Promise<CallCaps> {
  const configText = (await fetchText(configUrl)) ?? "";
  const fromConfig = parseCapsFromText(configText, CAPS_KEY);
  report(configUrl, fromConfig);
  if (Object.keys(fromConfig.caps).length === 0) {
    log.warn(
      `${configUrl}: no valid caps under ${CAPS_KEY}, so the ` +
        `${FALLBACK_PROFILE} profile applies`,
    );
  }
  const deployCaps = resolveCaps(FALLBACK_PROFILE, fromConfig.caps);
  apply(deployCaps);

  const url = wellKnownUrl(configText, configUrl);
  if (url === undefined) return deployCaps;
  const wellKnownText = await fetchText(url);
  if (wellKnownText === undefined) return deployCaps;

  const fromWellKnown = parseCapsFromText(wellKnownText, CAPS_KEY);
  report(url, fromWellKnown);
  const caps = mergeCaps(deployCaps, fromWellKnown.caps);
  apply(caps);
  return caps;
}
