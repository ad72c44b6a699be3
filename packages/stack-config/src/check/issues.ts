/** Problems found in the generated tree, each tied to a file and object. */

/** One problem in the generated output. */
export interface OutputIssue {
  /** Path of the file, relative to the tree's root. */
  path: string;
  /** The object, as `Kind namespace/name`, or "" for the file itself. */
  object: string;
  message: string;
}

/** Formats one issue as `<path>: <object>: <message>`. */
export function formatOutputIssue(issue: OutputIssue): string {
  const object = issue.object === "" ? "" : `${issue.object}: `;
  return `${issue.path}: ${object}${issue.message}`;
}

/** Thrown when the generated tree fails the output check. */
export class OutputCheckError extends Error {
  constructor(readonly issues: OutputIssue[]) {
    const count =
      issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(
      `the generated tree failed the output check (${count}):\n` +
        issues.map((issue) => `  ${formatOutputIssue(issue)}`).join("\n"),
    );
    this.name = "OutputCheckError";
  }
}
