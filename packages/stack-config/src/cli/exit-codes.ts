/** Exit codes of the axion-stack CLI, as `--help` documents them. */
export const EXIT = {
  ok: 0,
  invalidConfig: 1,
  /** The output check failed, or `--check` found drift. */
  checkFailed: 2,
  usage: 3,
  unexpected: 4,
  /** `secrets` or `invite` failed: sops, the age key or Authentik's API. */
  commandFailed: 5,
} as const;

/** Thrown for a wrong command line; maps to exit code 3. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Thrown when `--check` finds the tree out of date; maps to exit code 2. */
export class DriftError extends Error {
  constructor(readonly changedFiles: number) {
    super(
      `${changedFiles} ${changedFiles === 1 ? "file differs" : "files differ"} ` +
        "from the config: run " +
        '"axion-stack generate" and commit the result',
    );
    this.name = "DriftError";
  }
}
