/**
 * Parser of caps documents from untrusted sources: the widget's config.json
 * and the client well-known, which anyone who controls the server's web
 * root can change. Each field is checked on its own: a bad field is
 * dropped with a warning and the good ones still apply.
 */
import {
  documentToCaps,
  isVideoCodec,
  VIDEO_FIELDS,
  type AudioCapsDocument,
  type CapsDocument,
  type VideoCapsDocument,
} from "./document.js";
import { FIELD_RANGES, VIDEO_CODECS, type PartialCallCaps } from "./model.js";

/** Largest document text accepted, in UTF-16 code units. */
export const MAX_DOCUMENT_LENGTH = 64 * 1024;

/** Keys that could reach `Object.prototype` when a document is merged. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Result of parsing: the caps that passed and one warning per problem. */
export interface ParseResult {
  caps: PartialCallCaps;
  warnings: string[];
}

type Warn = (message: string) => void;

/** Returns whether `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Own keys of `value` that are neither forbidden nor unknown. */
function checkedKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  path: string,
  warn: Warn,
): string[] {
  return Object.keys(value).filter((key) => {
    if (FORBIDDEN_KEYS.has(key)) {
      warn(`${path}${key}: forbidden key, ignored`);
      return false;
    }
    if (!known.includes(key)) {
      warn(`${path}${key}: unknown key, ignored`);
      return false;
    }
    return true;
  });
}

function checkInteger(
  value: unknown,
  range: { min: number; max: number },
  path: string,
  warn: Warn,
): number | undefined {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    warn(
      `${path}: ${describe(value)} is not an integer; expected an integer ` +
        `from ${range.min} to ${range.max}`,
    );
    return undefined;
  }
  if (value < range.min || value > range.max) {
    warn(`${path}: ${value} is out of range ${range.min}..${range.max}`);
    return undefined;
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : `a ${typeof value}`;
}

function parseVideo(value: unknown, path: string, warn: Warn) {
  if (!isJsonObject(value)) {
    warn(`${path}: ${describe(value)} is not an object, ignored`);
    return undefined;
  }
  const known = VIDEO_FIELDS.map(([key]) => key);
  const result: VideoCapsDocument = {};
  for (const key of checkedKeys(value, known, `${path}.`, warn)) {
    const range = VIDEO_FIELDS.find(([name]) => name === key)![2];
    const field = key as keyof VideoCapsDocument;
    const number = checkInteger(value[key], range, `${path}.${key}`, warn);
    if (number !== undefined) result[field] = number;
  }
  return result;
}

function parseAudio(value: unknown, path: string, warn: Warn) {
  if (!isJsonObject(value)) {
    warn(`${path}: ${describe(value)} is not an object, ignored`);
    return undefined;
  }
  const result: AudioCapsDocument = {};
  for (const key of checkedKeys(
    value,
    ["max_bitrate", "dtx"],
    `${path}.`,
    warn,
  )) {
    const field = value[key];
    if (key === "dtx") {
      if (typeof field === "boolean") result.dtx = field;
      else warn(`${path}.dtx: ${describe(field)} is not true or false`);
      continue;
    }
    const range = FIELD_RANGES.audioMaxBitrate;
    const number = checkInteger(field, range, `${path}.${key}`, warn);
    if (number !== undefined) result.max_bitrate = number;
  }
  return result;
}

function parseCodec(value: unknown, warn: Warn) {
  if (isVideoCodec(value)) return value;
  warn(
    `video_codec: ${describe(value)} is not supported; expected one of ` +
      VIDEO_CODECS.join(", "),
  );
  return undefined;
}

/**
 * Parses a caps document that is already JSON-decoded. Never throws: a
 * document that is not an object yields no caps and one warning. `path`
 * prefixes each warning's field path, such as `chat.axion1337.call_caps.`.
 */
export function parseCapsDocument(value: unknown, path = ""): ParseResult {
  const warnings: string[] = [];
  const warn: Warn = (message) => warnings.push(`${path}${message}`);
  if (!isJsonObject(value)) {
    const name = path === "" ? "document" : path.slice(0, -1);
    warnings.push(`${name}: ${describe(value)} is not an object, ignored`);
    return { caps: {}, warnings };
  }

  const known = ["camera", "screen_share", "audio", "video_codec"];
  const document: CapsDocument = {};
  for (const key of checkedKeys(value, known, "", warn)) {
    if (key === "camera" || key === "screen_share") {
      const video = parseVideo(value[key], key, warn);
      if (video) document[key] = video;
    } else if (key === "audio") {
      const audio = parseAudio(value[key], key, warn);
      if (audio) document.audio = audio;
    } else {
      const codec = parseCodec(value[key], warn);
      if (codec) document.video_codec = codec;
    }
  }
  return { caps: documentToCaps(document), warnings };
}

/**
 * Decodes JSON text, rejecting text longer than `MAX_DOCUMENT_LENGTH`
 * before parsing it. Returns undefined and a warning on any failure.
 */
export function decodeJson(
  text: string,
  warn: Warn,
): { value: unknown } | undefined {
  if (text.length > MAX_DOCUMENT_LENGTH) {
    warn(
      `document: ${text.length} characters is longer than the limit of ` +
        `${MAX_DOCUMENT_LENGTH}, ignored`,
    );
    return undefined;
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    warn(`document: invalid JSON (${(error as Error).message}), ignored`);
    return undefined;
  }
}

/**
 * Reads the caps document under `key` of a JSON document such as the
 * client well-known. A missing key yields no caps and no warning.
 */
export function parseCapsFromText(text: string, key: string): ParseResult {
  const warnings: string[] = [];
  const decoded = decodeJson(text, (message) => warnings.push(message));
  if (!decoded) return { caps: {}, warnings };
  if (!isJsonObject(decoded.value)) {
    warnings.push(`document: ${describe(decoded.value)} is not an object`);
    return { caps: {}, warnings };
  }
  if (!Object.hasOwn(decoded.value, key)) return { caps: {}, warnings };

  const result = parseCapsDocument(decoded.value[key], `${key}.`);
  return { caps: result.caps, warnings: [...warnings, ...result.warnings] };
}
