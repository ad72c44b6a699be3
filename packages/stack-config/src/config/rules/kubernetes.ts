/**
 * Rules on Kubernetes and Flux names: the Helm release name, namespaces,
 * names of objects the stack refers to, and the Flux path.
 */
import { DNS_LABEL, HELM_RELEASE_NAME_MAX } from "../../flux/names.js";
import { DEFAULTS } from "../defaults.js";
import type { StackConfig } from "../model.js";
import type { ConfigRule, RuleIssue } from "../rules.js";
import { isDnsSubdomain } from "./dns.js";

const DNS_LABEL_ALLOWED =
  "a DNS-1123 label: at most 63 lower-case letters, digits and '-', " +
  "starting and ending with a letter or digit";

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
