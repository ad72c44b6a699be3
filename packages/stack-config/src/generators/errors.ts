/** The error that generators throw for a config they cannot render. */
import { type ConfigIssue, formatValue } from "../config/errors.js";

/** Fields of a GeneratorConfigError, as in a ConfigIssue. */
export interface GeneratorConfigProblem {
  /** Dotted config path, such as `ess.synapse.maxUploadSize`. */
  path: string;
  /** Value found at `path`. */
  value: unknown;
  /** Problem, as a clause that reads after the path. */
  message: string;
  /** Values or format that the key accepts. */
  allowed: string;
  /** Change to make in the config or the command line. */
  fix: string;
}

/**
 * Thrown by a generator when the config passed validation but cannot be
 * rendered, such as a size that the chart cannot express. The CLI reports
 * it like a validation error and exits with code 1.
 */
export class GeneratorConfigError extends Error {
  readonly problem: GeneratorConfigProblem;

  constructor(problem: GeneratorConfigProblem) {
    super(
      `${problem.path}: ${problem.message} (received ` +
        `${formatValue(problem.value)}); ${problem.fix}`,
    );
    this.name = "GeneratorConfigError";
    this.problem = problem;
  }

  /** Returns the problem as an error-severity config issue. */
  toIssue(): ConfigIssue {
    return { severity: "error", rule: "generate", ...this.problem };
  }
}
