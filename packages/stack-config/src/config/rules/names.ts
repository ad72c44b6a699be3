/**
 * Rules on public names: the server name and the hosts of the components.
 */
import { DEFAULT_HOST_LABELS, DEFAULTS } from "../defaults.js";
import type { StackConfig } from "../model.js";
import type { ConfigRule, RuleIssue } from "../rules.js";
import {
  DNS_NAME_ALLOWED,
  dnsNameProblem,
  MAX_DNS_NAME_LENGTH,
} from "./dns.js";

function checkDnsName(path: string, name: string): RuleIssue[] {
  const problem = dnsNameProblem(name);
  if (problem === undefined) {
    return [];
  }
  const fix =
    problem.suggestion !== undefined
      ? `write ${JSON.stringify(problem.suggestion)}`
      : `set ${path} to a DNS name that points at the cluster`;
  return [
    {
      path,
      value: name,
      message: `is not a valid DNS name because ${problem.reason}`,
      allowed: DNS_NAME_ALLOWED,
      fix,
    },
  ];
}

/** Host keys that have a value: set in the config or derived. */
type HostKey = keyof typeof DEFAULT_HOST_LABELS;

interface HostEntry {
  key: string;
  host: string;
  /** `hosts.<key>` when set in the config, else `serverName`. */
  path: string;
  explicit: boolean;
}

function hostEntries(config: StackConfig): HostEntry[] {
  const hosts = (config.hosts ?? {}) as Record<string, string | undefined>;
  const keys = new Set([
    ...Object.keys(DEFAULT_HOST_LABELS),
    ...Object.keys(hosts),
  ]);
  return [...keys].map((key): HostEntry => {
    const set = hosts[key];
    if (set !== undefined) {
      return { key, host: set, path: `hosts.${key}`, explicit: true };
    }
    const label = DEFAULT_HOST_LABELS[key as HostKey];
    const host =
      label === "" ? config.serverName : `${label}.${config.serverName}`;
    return { key, host, path: "serverName", explicit: false };
  });
}

/**
 * Checks a host derived from a valid server name. Its labels are valid,
 * so only the prefix can push it past the DNS length limit.
 */
function checkDefaultHost(config: StackConfig, entry: HostEntry): RuleIssue[] {
  if (
    entry.host.length <= MAX_DNS_NAME_LENGTH ||
    !isEnabled(config, entry.key)
  ) {
    return [];
  }
  const label = DEFAULT_HOST_LABELS[entry.key as HostKey];
  return [
    {
      path: "serverName",
      value: entry.host,
      message:
        `gives hosts.${entry.key} the default ${label}.<serverName>, which ` +
        `is ${entry.host.length} characters long, more than ${MAX_DNS_NAME_LENGTH}`,
      allowed: DNS_NAME_ALLOWED,
      fix: `shorten serverName, or set hosts.${entry.key} to a shorter host`,
    },
  ];
}

export const dnsNamesRule: ConfigRule = {
  name: "dns-names",
  description:
    "The server name and every host are lower-case DNS names that an " +
    "Ingress and a TLS certificate accept.",
  reads: ["serverName", "hosts"],
  check(config) {
    const issues = checkDnsName("serverName", config.serverName);
    const serverNameValid = issues.length === 0;
    for (const entry of hostEntries(config)) {
      if (entry.explicit) {
        issues.push(...checkDnsName(entry.path, entry.host));
      } else if (serverNameValid) {
        issues.push(...checkDefaultHost(config, entry));
      }
    }
    return issues;
  },
};

/**
 * Whether the component behind each host is deployed. A host key missing
 * here counts as deployed.
 */
const HOST_ENABLED: Record<string, (config: StackConfig) => boolean> = {
  synapse: (c) => c.ess?.synapse?.enabled ?? true,
  matrixAuthenticationService: (c) =>
    c.ess?.matrixAuthenticationService?.enabled ?? true,
  elementWeb: (c) => c.ess?.elementWeb?.enabled ?? true,
  elementAdmin: (c) => c.ess?.elementAdmin?.enabled ?? true,
  matrixRTC: (c) => c.ess?.matrixRTC?.enabled ?? true,
  matrixRTCTurn: (c) =>
    (c.ess?.matrixRTC?.enabled ?? true) &&
    (c.ess?.matrixRTC?.sfu?.turn?.enabled ?? true),
  turn: (c) => c.coturn?.enabled ?? DEFAULTS.coturn.enabled,
  authentik: (c) => c.authentik?.enabled ?? DEFAULTS.authentik.enabled,
};

function isEnabled(config: StackConfig, key: string): boolean {
  return HOST_ENABLED[key]?.(config) ?? true;
}

function apexIssue(entry: HostEntry): RuleIssue {
  return {
    path: entry.path,
    value: entry.host,
    message:
      "is the server name, which serves Element Web and " +
      "/.well-known/matrix; no other component may use it",
    allowed: "a host other than the server name, such as matrix.example.org",
    fix: `remove ${entry.path} to use its default, or pick another host`,
  };
}

function duplicateIssue(entry: HostEntry, first: HostEntry): RuleIssue {
  const where = first.explicit
    ? `also set as ${first.path}`
    : `also the default of hosts.${first.key}`;
  return {
    path: entry.path,
    value: entry.host,
    message: `is ${where}`,
    allowed: "a host that no other enabled component uses",
    fix: `give hosts.${entry.key} a host of its own`,
  };
}

export const uniqueHostsRule: ConfigRule = {
  name: "unique-hosts",
  description:
    "Each enabled component has its own host, and only Element Web may " +
    "use the server name itself.",
  reads: ["serverName", "hosts", "ess", "coturn", "authentik"],
  check(config) {
    const issues: RuleIssue[] = [];
    const firstByHost = new Map<string, HostEntry>();
    const entries = hostEntries(config).filter((e) => isEnabled(config, e.key));
    for (const entry of entries) {
      if (entry.host === config.serverName && entry.key !== "elementWeb") {
        issues.push(apexIssue(entry));
        continue;
      }
      const first = firstByHost.get(entry.host);
      if (first === undefined) {
        firstByHost.set(entry.host, entry);
      } else if (entry.explicit) {
        issues.push(duplicateIssue(entry, first));
      } else {
        issues.push(duplicateIssue(first, entry));
      }
    }
    return issues;
  },
};
