/**
 * Cross-field rules: the checks that JSON Schema cannot express. Each rule
 * is a named function of the whole config; `CONFIG_RULES` lists them all.
 */
import type { ConfigIssue } from "./errors.js";
import type { StackConfig } from "./model.js";
import { pathsOverlap } from "./paths.js";
import {
  advertisedAddressRule,
  advertisedIpRule,
  urlsRule,
} from "./rules/addresses.js";
import {
  elementAdminNeedsMasRule,
  elementCallNeedsMatrixRtcRule,
  imagesPinnedRule,
  monitoringEndpointsRule,
} from "./rules/components.js";
import {
  fluxPathRule,
  namespacesRule,
  objectNamesRule,
  releaseNameRule,
} from "./rules/kubernetes.js";
import { dnsNamesRule, uniqueHostsRule } from "./rules/names.js";
import {
  autoJoinRoomsRule,
  durationsRule,
  retentionOrderRule,
} from "./rules/policies.js";
import {
  nodePortRangeRule,
  portCollisionsRule,
  portNumbersRule,
  portRangesRule,
  reservedPortsRule,
} from "./rules/ports.js";
import { maxUploadSizeRule } from "./rules/sizes.js";
import { HARDENING_RULES } from "./rules/hardening.js";
import { SSO_RULES } from "./rules/sso.js";

/**
 * An issue as a rule reports it. The runner adds the rule's name, and the
 * severity defaults to `error`.
 */
export type RuleIssue = Pick<
  ConfigIssue,
  "path" | "value" | "message" | "allowed" | "fix"
> & { severity?: ConfigIssue["severity"] };

/** One named cross-field check. */
export interface ConfigRule {
  /** Kebab-case name, printed with every issue the rule raises. */
  name: string;
  /** Rule statement and reason, listed in the config reference. */
  description: string;
  /**
   * Config paths the rule reads. The rule is skipped when the schema
   * rejected a value at, inside or above one of them, because its input
   * would not have the declared types.
   */
  reads: readonly string[];
  check: (config: StackConfig) => RuleIssue[];
}

/** Every cross-field rule, in the order they run. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  dnsNamesRule,
  uniqueHostsRule,
  releaseNameRule,
  namespacesRule,
  objectNamesRule,
  fluxPathRule,
  portNumbersRule,
  portRangesRule,
  portCollisionsRule,
  nodePortRangeRule,
  reservedPortsRule,
  urlsRule,
  advertisedIpRule,
  advertisedAddressRule,
  durationsRule,
  retentionOrderRule,
  autoJoinRoomsRule,
  elementAdminNeedsMasRule,
  elementCallNeedsMatrixRtcRule,
  monitoringEndpointsRule,
  imagesPinnedRule,
  maxUploadSizeRule,
  ...SSO_RULES,
  ...HARDENING_RULES,
];

function blockedBySchema(
  rule: ConfigRule,
  schemaIssues: readonly ConfigIssue[],
): boolean {
  return schemaIssues.some((issue) =>
    rule.reads.some((path) => pathsOverlap(issue.path, path)),
  );
}

function runRule(rule: ConfigRule, config: StackConfig): ConfigIssue[] {
  try {
    return rule.check(config).map((issue) => ({
      severity: "error",
      ...issue,
      rule: rule.name,
    }));
  } catch (error) {
    // A rule that throws is a bug in axion-stack, not in the config.
    return [
      {
        severity: "error",
        path: "",
        value: undefined,
        message: `rule ${rule.name} failed: ${String(error)}`,
        allowed: "a config that the rule can check",
        fix: "report this as a bug in axion-stack, with the config",
        rule: rule.name,
      },
    ];
  }
}

/**
 * Runs every rule whose inputs passed the schema and returns their issues.
 * `config` has passed the schema wherever a rule that runs reads it.
 */
export function runRules(
  config: StackConfig,
  schemaIssues: readonly ConfigIssue[],
  rules: readonly ConfigRule[] = CONFIG_RULES,
): ConfigIssue[] {
  return rules
    .filter((rule) => !blockedBySchema(rule, schemaIssues))
    .flatMap((rule) => runRule(rule, config));
}
