/**
 * Rules on federation, Pod Security levels and the restore drill: the
 * settings that close something off or that could damage the backups.
 */
import { componentGraph, type PodSecurityLevel } from "../graph.js";
import { DEFAULTS } from "../defaults.js";
import { POSTGRES_CLUSTER_NAME, postgresArchivePath } from "../postgres.js";
import { resolveStack } from "../resolve.js";
import type { ConfigRule, RuleIssue } from "../rules.js";

const DNS_NAME =
  /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:[0-9]{1,5})?$/;

export const federationAllowlistRule: ConfigRule = {
  name: "federation-allowlist",
  description:
    "An allowlist closes federation to every server not on it, so it " +
    "must name at least one server and `validate` warns what it closes.",
  reads: ["policies.federation"],
  check(config) {
    const allowlist = config.policies?.federation?.allowlist;
    const path = "policies.federation.allowlist";
    if (allowlist === undefined) {
      return [];
    }
    if (allowlist.length === 0) {
      return [
        {
          path,
          value: allowlist,
          message:
            "is empty, which would stop federation with every other " +
            "server while looking like a setting that allows some",
          allowed: "a list of one or more server names",
          fix:
            `list the servers to federate with, or remove ${path} to ` +
            "keep federation open",
        },
      ];
    }
    const invalid = allowlist.flatMap((name, index): RuleIssue[] =>
      DNS_NAME.test(name)
        ? []
        : [
            {
              path: `${path}.${index}`,
              value: name,
              message: "is not a server name",
              allowed: "a lower-case DNS name, such as matrix.org",
              fix: "write the server name as it appears in user IDs",
            },
          ],
    );
    return [...invalid, allowlistWarning(allowlist)];
  },
};

function allowlistWarning(allowlist: string[]): RuleIssue {
  const listed = allowlist.slice(0, 3).join(", ");
  const more = allowlist.length > 3 ? ` and ${allowlist.length - 3} more` : "";
  return {
    path: "policies.federation.allowlist",
    value: allowlist,
    severity: "warning",
    message:
      `closes federation to every server except ${listed}${more}: users ` +
      "cannot join rooms on, or receive messages from, any other server",
    allowed: "an allowlist, when the server is meant to be closed",
    fix: "remove policies.federation.allowlist to federate with everyone",
  };
}

const LEVEL_ORDER: readonly PodSecurityLevel[] = [
  "restricted",
  "baseline",
  "privileged",
];

export const podSecurityLevelsRule: ConfigRule = {
  name: "pod-security-levels",
  description:
    "A Pod Security level names a workload of the component graph and " +
    "is at least the level its pods need, so no pod is rejected.",
  // The rule resolves the whole config to build the graph, so any schema
  // error anywhere skips it.
  reads: [""],
  check(config) {
    const levels = config.podSecurity?.levels ?? [];
    if (levels.length === 0) {
      return [];
    }
    const workloads = componentGraph(resolveStack(config)).workloads;
    const byName = new Map(workloads.map((w) => [w.name, w]));

    return levels.flatMap(({ workload: name, level }, index): RuleIssue[] => {
      const path = `podSecurity.levels.${index}.level`;
      const workload = byName.get(name);
      if (workload === undefined) {
        return [
          {
            path: `podSecurity.levels.${index}.workload`,
            value: name,
            message: "names no workload of this stack",
            allowed: [...byName.keys()].sort().join(", "),
            fix: "use one of the workload names above, or remove the entry",
          },
        ];
      }
      if (
        LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(workload.podSecurity)
      ) {
        return [];
      }
      return [
        {
          path,
          value: level,
          message:
            `is stricter than ${name} allows: its pods need ` +
            `${workload.hostAccess ?? "more than that level permits"}, ` +
            `which only "${workload.podSecurity}" admits`,
          allowed: `"${workload.podSecurity}"`,
          fix: `set ${path}: ${workload.podSecurity}, or remove the entry`,
        },
      ];
    });
  },
};

function contains(outer: string, inner: string): boolean {
  return inner.startsWith(outer) || outer.startsWith(inner);
}

export const restoreDrillRule: ConfigRule = {
  name: "restore-drill-isolated",
  description:
    "The restore drill reads the source's archive and never writes to " +
    "it: its server name differs and its own archive lies elsewhere.",
  reads: ["backups"],
  check(config) {
    const backups = config.backups;
    const drill = backups?.restoreDrill;
    if (backups === undefined || drill === undefined) {
      return [];
    }
    const issues: RuleIssue[] = [];
    if (drill.serverName === POSTGRES_CLUSTER_NAME) {
      issues.push({
        path: "backups.restoreDrill.serverName",
        value: drill.serverName,
        message:
          "is the source cluster's name, so the drill would archive " +
          "under the source's server name",
        allowed: `any other DNS label than "${POSTGRES_CLUSTER_NAME}"`,
        fix: `remove it to use "${POSTGRES_CLUSTER_NAME}-drill"`,
      });
    }
    const path = backups.objectStore.path ?? DEFAULTS.backups.path;
    const sourceFolders = [postgresArchivePath(path), `${path}media/`];
    const archive = drill.archivePath;
    const overlap = sourceFolders.find(
      (folder) => archive && contains(folder, archive),
    );
    if (overlap !== undefined) {
      issues.push({
        path: "backups.restoreDrill.archivePath",
        value: archive,
        message:
          `overlaps ${overlap} in the bucket, which the source's backups ` +
          "use, so the drill could write into the archive it restores from",
        allowed: `a folder outside ${sourceFolders.join(" and ")}, such as ${path}drill/`,
        fix:
          `set it to ${path}drill/, or remove it to keep the drill's ` +
          "WAL archiving off",
      });
    }
    return issues;
  },
};

/** S3 bucket names: 3 to 63 lower-case letters, digits, dots and '-'. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function scheduleIssue(
  path: string,
  value: string | undefined,
  fields: number,
  example: string,
): RuleIssue[] {
  if (value === undefined || value.trim().split(/\s+/).length === fields) {
    return [];
  }
  const shape = fields === 6 ? "six fields, seconds first" : "five fields";
  return [
    {
      path,
      value,
      message: `is not a cron expression with ${shape}`,
      allowed: `a cron expression with ${shape}, such as "${example}"`,
      fix: `write it with ${shape}`,
    },
  ];
}

export const backupSettingsRule: ConfigRule = {
  name: "backup-settings",
  description:
    "The bucket name is one S3 accepts, and each schedule has the fields " +
    "its reader expects: six for CloudNativePG, five for a CronJob.",
  reads: ["backups"],
  check(config) {
    const backups = config.backups;
    if (backups === undefined) {
      return [];
    }
    const { bucket } = backups.objectStore;
    const issues: RuleIssue[] = BUCKET.test(bucket)
      ? []
      : [
          {
            path: "backups.objectStore.bucket",
            value: bucket,
            message: "is not a valid S3 bucket name",
            allowed:
              "3 to 63 lower-case letters, digits, '.' and '-', starting " +
              "and ending with a letter or digit",
            fix: "use the bucket name exactly as the provider shows it",
          },
        ];
    return [
      ...issues,
      ...scheduleIssue(
        "backups.databaseSchedule",
        backups.databaseSchedule,
        6,
        "0 0 3 * * *",
      ),
      ...scheduleIssue(
        "backups.media.schedule",
        backups.media?.schedule,
        5,
        "30 3 * * *",
      ),
    ];
  },
};

const IPV4_CIDR =
  /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\/([0-9]|[12][0-9]|3[0-2])$/;

export const apiServerCidrsRule: ConfigRule = {
  name: "api-server-cidrs",
  description:
    "The API server addresses are IPv4 CIDRs, because they become " +
    "NetworkPolicy ipBlocks.",
  reads: ["network.apiServerCIDRs"],
  check(config) {
    const cidrs = config.network?.apiServerCIDRs ?? [];
    return cidrs.flatMap((cidr, index): RuleIssue[] =>
      IPV4_CIDR.test(cidr)
        ? []
        : [
            {
              path: `network.apiServerCIDRs.${index}`,
              value: cidr,
              message: "is not an IPv4 CIDR",
              allowed:
                "an IPv4 address with a prefix length, such as 192.0.2.10/32",
              fix: "write the node's address with /32",
            },
          ],
    );
  },
};

/** The rules of this file, in the order they run. */
export const HARDENING_RULES: readonly ConfigRule[] = [
  federationAllowlistRule,
  podSecurityLevelsRule,
  restoreDrillRule,
  backupSettingsRule,
  apiServerCidrsRule,
];
