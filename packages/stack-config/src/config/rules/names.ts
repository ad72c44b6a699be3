/**
 * Rules on names: the server name and hosts, Helm release and Kubernetes
 * object names, namespaces and the Flux path.
 */
import { DNS_LABEL, HELM_RELEASE_NAME_MAX } from "../../flux/names.js";
import { DEFAULT_HOST_LABELS, DEFAULTS } from "../defaults.js";
import type { StackConfig } from "../model.js";
import type { ConfigRule, RuleIssue } from "../rules.js";
import { DNS_NAME_ALLOWED, dnsNameProblem, isDnsSubdomain } from "./dns.js";

const DNS_LABEL_ALLOWED =
  "a DNS-1123 label: at most 63 lower-case letters, digits and '-', " +
  "starting and ending with a letter or digit";

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

export const dnsNamesRule: ConfigRule = {
  name: "dns-names",
  description:
    "The server name and every host are lower-case DNS names that an " +
    "Ingress and a TLS certificate accept.",
  reads: ["serverName", "hosts"],
  check(config) {
    const issues = checkDnsName("serverName", config.serverName);
    for (const entry of hostEntries(config)) {
      if (entry.explicit) {
        issues.push(...checkDnsName(entry.path, entry.host));
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

export const releaseNameRule: ConfigRule = {
  name: "release-name",
  description:
    "The ESS Helm release name is a DNS label of at most 53 characters, " +
    "the limit Helm sets.",
  reads: ["ess.releaseName"],
  check(config) {
    const name = config.ess?.releaseName;
    if (name === undefined) {
      return [];
    }
    const allowed = `${DNS_LABEL_ALLOWED}, and at most ${HELM_RELEASE_NAME_MAX} characters for Helm`;
    if (name.length > HELM_RELEASE_NAME_MAX) {
      return [
        {
          path: "ess.releaseName",
          value: name,
          message: `is ${name.length} characters long, more than Helm allows`,
          allowed,
          fix: `shorten ess.releaseName to ${HELM_RELEASE_NAME_MAX} characters or fewer`,
        },
      ];
    }
    if (DNS_LABEL.test(name)) {
      return [];
    }
    return [
      {
        path: "ess.releaseName",
        value: name,
        message: "is not a valid DNS label",
        allowed,
        fix: `use only lower-case letters, digits and '-', such as "${DEFAULTS.ess.releaseName}"`,
      },
    ];
  },
};

/** Namespaces that Kubernetes itself owns. */
const SYSTEM_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"];

const NAMESPACE_PATHS = [
  ["ess.namespace", (c: StackConfig) => c.ess?.namespace],
  ["authentik.namespace", (c: StackConfig) => c.authentik?.namespace],
  ["monitoring.namespace", (c: StackConfig) => c.monitoring?.namespace],
] as const;

function namespaceIssue(
  path: string,
  name: string,
  fluxNamespace: string,
): RuleIssue | undefined {
  const base = { path, value: name, allowed: DNS_LABEL_ALLOWED };
  if (!DNS_LABEL.test(name)) {
    return {
      ...base,
      message: "is not a valid DNS label",
      fix: `use only lower-case letters, digits and '-', such as "${name.toLowerCase().replace(/[^a-z0-9-]/g, "-")}"`,
    };
  }
  if (SYSTEM_NAMESPACES.includes(name) || name === fluxNamespace) {
    return {
      ...base,
      message:
        "is a namespace that Kubernetes or Flux owns; the stack would " +
        "relabel it with its Pod Security level",
      allowed: `${DNS_LABEL_ALLOWED}, other than ${[...SYSTEM_NAMESPACES, fluxNamespace].join(", ")}`,
      fix: `remove ${path} to use its default, or pick a namespace of its own`,
    };
  }
  return undefined;
}

export const namespacesRule: ConfigRule = {
  name: "namespaces",
  description:
    "Namespaces are DNS labels, and no component goes into kube-system, " +
    "kube-public, kube-node-lease or the Flux namespace.",
  reads: [
    "ess.namespace",
    "authentik.namespace",
    "monitoring.namespace",
    "flux.namespace",
  ],
  check(config) {
    const fluxNamespace = config.flux?.namespace ?? DEFAULTS.flux.namespace;
    const issues: RuleIssue[] = [];
    const fluxIssue = DNS_LABEL.test(fluxNamespace)
      ? undefined
      : namespaceIssue("flux.namespace", fluxNamespace, "");
    if (fluxIssue !== undefined) {
      issues.push(fluxIssue);
    }
    for (const [path, read] of NAMESPACE_PATHS) {
      const name = read(config);
      const issue =
        name === undefined
          ? undefined
          : namespaceIssue(path, name, fluxNamespace);
      if (issue !== undefined) {
        issues.push(issue);
      }
    }
    return issues;
  },
};

const OBJECT_NAME_PATHS = [
  ["cluster.ingressClassName", (c: StackConfig) => c.cluster?.ingressClassName],
  ["cluster.clusterIssuer", (c: StackConfig) => c.cluster?.clusterIssuer],
  ["cluster.storageClassName", (c: StackConfig) => c.cluster?.storageClassName],
  ["flux.gitRepository", (c: StackConfig) => c.flux?.gitRepository],
] as const;

export const objectNamesRule: ConfigRule = {
  name: "object-names",
  description:
    "Names of Kubernetes objects that the stack refers to (IngressClass, " +
    "ClusterIssuer, StorageClass, GitRepository) are DNS-1123 subdomains.",
  reads: ["cluster", "flux.gitRepository"],
  check(config) {
    return OBJECT_NAME_PATHS.flatMap(([path, read]) => {
      const name = read(config);
      if (name === undefined || isDnsSubdomain(name)) {
        return [];
      }
      return [
        {
          path,
          value: name,
          message: "is not a valid Kubernetes object name",
          allowed:
            "a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', " +
            "at most 253 characters",
          fix: `write the name exactly as "kubectl get" lists it`,
        },
      ];
    });
  },
};

export const fluxPathRule: ConfigRule = {
  name: "flux-path",
  description:
    "flux.path stays inside the Git repository, because Flux resolves it " +
    "against the repository root.",
  reads: ["flux.path"],
  check(config) {
    const path = config.flux?.path;
    if (path === undefined) {
      return [];
    }
    const segments = path.split("/");
    if (path.trim() !== "" && !segments.includes("..")) {
      return [];
    }
    return [
      {
        path: "flux.path",
        value: path,
        message:
          path.trim() === ""
            ? "is empty"
            : "leaves the repository root through '..'",
        allowed: "a path inside the repository, such as ./flux",
        fix: `set flux.path to the tree's folder relative to the repository root, such as "${DEFAULTS.flux.path}"`,
      },
    ];
  },
};
