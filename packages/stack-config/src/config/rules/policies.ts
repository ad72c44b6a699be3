/**
 * Rules on durations and room policies.
 */
import { DEFAULTS } from "../defaults.js";
import type { StackConfig } from "../model.js";
import type { ConfigRule, RuleIssue } from "../rules.js";

const MS = { ms: 1, s: 1e3, m: 60e3, h: 3600e3 } as const;
const DAY = 24 * MS.h;

/** Synapse's duration units; a year is 365 days, as in Synapse. */
const SYNAPSE_UNITS: Record<string, number> = {
  ...MS,
  d: DAY,
  w: 7 * DAY,
  y: 365 * DAY,
};

/** Go's time.ParseDuration format, which Flux's CRDs require. */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/**
 * Parses a Synapse duration (`30m`, `1d`, `1y`) into milliseconds, or
 * returns undefined. Synapse reads a bare number as milliseconds; the config
 * requires a unit so that `1` cannot mean one millisecond by accident.
 */
export function parseSynapseDuration(text: string): number | undefined {
  const match = /^([0-9]+)(ms|s|m|h|d|w|y)$/.exec(text);
  if (match === null) {
    return undefined;
  }
  return Number(match[1]) * SYNAPSE_UNITS[match[2]!]!;
}

/** Parses a Go duration such as `1h30m` into milliseconds, or undefined. */
export function parseGoDuration(text: string): number | undefined {
  if (!GO_DURATION.test(text)) {
    return undefined;
  }
  let total = 0;
  for (const part of text.matchAll(/([0-9.]+)(ms|s|m|h)/g)) {
    total += Number(part[1]) * MS[part[2] as keyof typeof MS];
  }
  return total;
}

type DurationFormat = "go" | "synapse";

const DURATION_KEYS: [
  string,
  DurationFormat,
  (c: StackConfig) => string | undefined,
][] = [
  ["flux.interval", "go", (c) => c.flux?.interval],
  ["flux.sourceInterval", "go", (c) => c.flux?.sourceInterval],
  [
    "policies.retention.minLifetime",
    "synapse",
    (c) => c.policies?.retention?.minLifetime,
  ],
  [
    "policies.retention.maxLifetime",
    "synapse",
    (c) => c.policies?.retention?.maxLifetime,
  ],
  [
    "policies.retention.defaultMaxLifetime",
    "synapse",
    (c) => c.policies?.retention?.defaultMaxLifetime,
  ],
  ["coturn.credentialLifetime", "synapse", (c) => c.coturn?.credentialLifetime],
];

const FORMATS = {
  go: {
    parse: parseGoDuration,
    allowed: "a Go duration: numbers with ms, s, m or h, such as 10m or 1h30m",
    example: "10m",
  },
  synapse: {
    parse: parseSynapseDuration,
    allowed:
      "a whole number and one unit of ms, s, m, h, d, w or y, such as 1d or 1y",
    example: "1d",
  },
} as const;

function durationFix(
  path: string,
  text: string,
  format: DurationFormat,
): string {
  const days = /^([0-9]+)d$/.exec(text);
  if (format === "go" && days !== null) {
    return `write "${Number(days[1]) * 24}h", because Flux does not accept days`;
  }
  return `set ${path} to a duration such as "${FORMATS[format].example}"`;
}

export const durationsRule: ConfigRule = {
  name: "durations",
  description:
    "Durations parse and are longer than zero: Flux intervals in Go's " +
    "format (ms, s, m, h), Synapse durations with ms, s, m, h, d, w or y.",
  reads: DURATION_KEYS.map(([path]) => path),
  check(config) {
    return DURATION_KEYS.flatMap(([path, format, read]): RuleIssue[] => {
      const text = read(config);
      if (text === undefined) {
        return [];
      }
      const ms = FORMATS[format].parse(text);
      if (ms !== undefined && ms > 0) {
        return [];
      }
      return [
        {
          path,
          value: text,
          message: ms === 0 ? "is zero" : "is not a valid duration",
          allowed: FORMATS[format].allowed,
          fix: durationFix(path, text, format),
        },
      ];
    });
  },
};

/** A retention limit as written (or defaulted) and in milliseconds. */
interface Limit {
  text: string;
  ms: number;
}

function orderIssue(min: Limit, max: Limit, minSet: boolean): RuleIssue {
  // Report the limit the user wrote, so the fix lands where they typed.
  const atMax = !minSet;
  return {
    path: `policies.retention.${atMax ? "maxLifetime" : "minLifetime"}`,
    value: atMax ? max.text : min.text,
    message: atMax
      ? `is shorter than policies.retention.minLifetime (${min.text})`
      : `is longer than policies.retention.maxLifetime (${max.text})`,
    allowed: "minLifetime at most maxLifetime",
    fix: "make minLifetime the shorter of the two",
  };
}

function defaultIssue(text: string, min: Limit, max: Limit): RuleIssue {
  return {
    path: "policies.retention.defaultMaxLifetime",
    value: text,
    message: `lies outside minLifetime..maxLifetime (${min.text}..${max.text})`,
    allowed: `a duration from ${min.text} to ${max.text}`,
    fix: `set it between ${min.text} and ${max.text}, or widen those limits`,
  };
}

function limit(text: string): Limit | undefined {
  const ms = parseSynapseDuration(text);
  return ms === undefined ? undefined : { text, ms };
}

export const retentionOrderRule: ConfigRule = {
  name: "retention-order",
  description:
    "Retention limits are ordered: minLifetime <= maxLifetime, and " +
    "defaultMaxLifetime lies between them.",
  reads: ["policies.retention"],
  check(config) {
    const retention = config.policies?.retention ?? {};
    const defaults = DEFAULTS.policies.retention;
    if (!(retention.enabled ?? defaults.enabled)) {
      return [];
    }
    const min = limit(retention.minLifetime ?? defaults.minLifetime);
    const max = limit(retention.maxLifetime ?? defaults.maxLifetime);
    // An unparsable limit is the durations rule's to report.
    if (min === undefined || max === undefined) {
      return [];
    }

    const issues: RuleIssue[] = [];
    if (min.ms > max.ms) {
      issues.push(orderIssue(min, max, retention.minLifetime !== undefined));
    }
    const fallbackText = retention.defaultMaxLifetime;
    const fallback =
      fallbackText === undefined ? undefined : limit(fallbackText);
    if (
      fallback !== undefined &&
      (fallback.ms < min.ms || fallback.ms > max.ms)
    ) {
      issues.push(defaultIssue(fallback.text, min, max));
    }
    return issues;
  },
};

/** `#localpart:server`; the localpart has no colon or whitespace. */
const ROOM_ALIAS =
  /^#([^:\s]+):([A-Za-z0-9.-]+(?::[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?)$/;

/** Maximum length of a room alias in bytes, from the Matrix spec. */
const MAX_ALIAS_LENGTH = 255;

function aliasIssue(
  path: string,
  alias: string,
  serverName: string,
): RuleIssue | undefined {
  const allowed = `a room alias "#localpart:server" of at most ${MAX_ALIAS_LENGTH} bytes, such as "#welcome:${serverName}"`;
  const base = { path, value: alias, allowed };
  if (alias.startsWith("!")) {
    return {
      ...base,
      message: "is a room ID, but Synapse auto-joins rooms only by alias",
      fix: "give the room an alias and list the alias",
    };
  }
  const match = ROOM_ALIAS.exec(alias);
  if (match === null || Buffer.byteLength(alias) > MAX_ALIAS_LENGTH) {
    const local = alias.replace(/^#/, "").split(":")[0] || "welcome";
    return {
      ...base,
      message: "is not a valid room alias",
      fix: `write it as "#${local}:${serverName}"`,
    };
  }
  if (match[2] !== serverName) {
    return {
      ...base,
      severity: "warning",
      message: `is on another server (${match[2]}), so Synapse cannot create it and joins it only if it already exists`,
      fix: `use an alias on ${serverName}, or make sure the room exists and federates`,
    };
  }
  return undefined;
}

export const autoJoinRoomsRule: ConfigRule = {
  name: "auto-join-rooms",
  description:
    "Auto-join rooms are room aliases (#localpart:server), listed once; " +
    "an alias on another server is a warning, because Synapse cannot create it.",
  reads: ["policies.autoJoinRooms", "serverName"],
  check(config) {
    const rooms = config.policies?.autoJoinRooms?.rooms ?? [];
    const seen = new Set<string>();
    return rooms.flatMap((alias, index): RuleIssue[] => {
      const path = `policies.autoJoinRooms.rooms[${index}]`;
      if (seen.has(alias)) {
        return [
          {
            path,
            value: alias,
            severity: "warning",
            message: "is listed twice",
            allowed: "each alias once",
            fix: `remove ${path}`,
          },
        ];
      }
      seen.add(alias);
      const issue = aliasIssue(path, alias, config.serverName);
      return issue === undefined ? [] : [issue];
    });
  },
};
