/**
 * Checks Helm values against a chart's default `values.yaml` when the chart
 * has no values schema: every key path we set must exist in the defaults,
 * with the same type as the default value.
 */

/** One key path that the chart's defaults do not account for. */
export interface ValuesPathIssue {
  path: string;
  problem: string;
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) {
    return "null";
  }
  return Array.isArray(value) ? "array" : typeof value;
}

function compare(
  ours: unknown,
  defaults: unknown,
  path: string,
  allowed: readonly string[],
  issues: ValuesPathIssue[],
): void {
  if (allowed.includes(path)) {
    return;
  }
  if (defaults === undefined) {
    issues.push({ path, problem: "not in the chart's values.yaml" });
    return;
  }

  // A null default takes any type, and an empty map or list default is
  // passed through as is (annotations, env, securityContext).
  if (defaults === null) {
    return;
  }
  if (typeName(ours) !== typeName(defaults)) {
    issues.push({
      path,
      problem:
        `is ${typeName(ours)}, ` +
        `the chart's default is ${typeName(defaults)}`,
    });
    return;
  }
  if (!isPlainObject(defaults) || Object.keys(defaults).length === 0) {
    return;
  }

  for (const [key, value] of Object.entries(ours as Plain)) {
    const childPath = path === "" ? key : `${path}.${key}`;
    compare(value, defaults[key], childPath, allowed, issues);
  }
}

/**
 * Lists the key paths of `values` that the chart's `defaults` lack or type
 * differently. `allowed` names dotted paths that are known to be valid
 * without a default, such as a subchart's keys, and nothing beneath them is
 * checked.
 */
export function findUndefinedValuesPaths(
  values: unknown,
  defaults: unknown,
  allowed: readonly string[] = [],
): ValuesPathIssue[] {
  const issues: ValuesPathIssue[] = [];
  compare(values, defaults, "", allowed, issues);
  return issues;
}
