/**
 * Entry point of the axion-stack CLI: parses arguments, runs a command and
 * maps each error class to the exit code that `--help` documents.
 */
import { fileURLToPath } from "node:url";
import { ConfigValidationError } from "../config/errors.js";
import { OutputCheckError } from "../check/issues.js";
import { GeneratorConfigError } from "../generators/errors.js";
import { OutputLockedError } from "../writer/lock.js";
import { OutputFolderError, UnsafePathError } from "../writer/paths.js";
import { UnmanagedFileError } from "../writer/tree.js";
import { type CliArgs, parseCliArgs } from "./args.js";
import type { CliIo } from "./commands.js";
import { DriftError, EXIT, UsageError } from "./exit-codes.js";
import { HELP } from "./help.js";
import { packageVersion } from "./version.js";

/** Streams of the running process. */
export function processIo(): CliIo & { stderr: (text: string) => void } {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    progress: (line) => process.stderr.write(`${line}\n`),
    stderr: (text) => process.stderr.write(text),
    cliPath: fileURLToPath(import.meta.url),
  };
}

async function runCommand(args: CliArgs, io: CliIo): Promise<void> {
  if (args.command === "help") {
    io.stdout(HELP);
    return;
  }
  if (args.command === "version") {
    io.stdout(`${packageVersion()}\n`);
    return;
  }

  // The commands load lazily, so --help and --version start fast.
  const commands = await import("./commands.js");
  if (args.command === "validate") {
    return commands.runValidate(args, io);
  }
  if (args.command === "secrets" || args.command === "invite") {
    const secrets = await import("./secrets-commands.js");
    return args.command === "secrets"
      ? secrets.runSecretsCommand(args, io)
      : secrets.runInvite(args, io);
  }
  return commands.runGenerate(args, io);
}

function printJsonIssues(io: CliIo, error: unknown): void {
  if (error instanceof ConfigValidationError) {
    const errors = error.issues.filter((issue) => issue.severity === "error");
    const warnings = error.issues.filter((issue) => issue.severity !== "error");
    io.stdout(`${JSON.stringify({ ok: false, errors, warnings }, null, 2)}\n`);
  } else if (error instanceof OutputCheckError) {
    io.stdout(
      `${JSON.stringify({ ok: false, issues: error.issues }, null, 2)}\n`,
    );
  }
}

/**
 * Errors of `secrets` and `invite` (sops, the age key, Authentik's API),
 * matched by name so that the CLI starts without loading their modules.
 */
const COMMAND_ERRORS = new Set([
  "SopsError",
  "SopsConfigError",
  "SecretFileError",
  "InviteError",
]);

/** Returns the exit code of an error and prints it on stderr. */
function reportError(
  error: unknown,
  args: CliArgs | undefined,
  io: CliIo,
): number {
  const message = error instanceof Error ? error.message : String(error);
  if (args?.json) {
    printJsonIssues(io, error);
  }
  if (error instanceof UsageError) {
    io.progress(`error: ${message}\nRun "axion-stack --help" for usage.`);
    return EXIT.usage;
  }
  if (error instanceof ConfigValidationError) {
    io.progress(message.trimEnd());
    return EXIT.invalidConfig;
  }
  if (error instanceof GeneratorConfigError) {
    io.progress(`error: ${message}`);
    return EXIT.invalidConfig;
  }
  if (
    error instanceof OutputCheckError ||
    error instanceof DriftError ||
    error instanceof UnsafePathError ||
    error instanceof UnmanagedFileError ||
    error instanceof OutputFolderError ||
    error instanceof OutputLockedError
  ) {
    io.progress(`error: ${message}`);
    return EXIT.checkFailed;
  }
  if (error instanceof Error && COMMAND_ERRORS.has(error.name)) {
    io.progress(`error: ${message}`);
    return EXIT.commandFailed;
  }

  const stack = error instanceof Error ? error.stack : undefined;
  io.progress(
    args?.debug && stack
      ? `unexpected error: ${stack}`
      : `unexpected error: ${message} (run with --debug for the stack trace)`,
  );
  return EXIT.unexpected;
}

/** Runs the CLI on argv (without `node` and the script) and returns the exit code. */
export async function main(
  argv: string[],
  io: CliIo = processIo(),
): Promise<number> {
  let args: CliArgs | undefined;
  try {
    args = parseCliArgs(argv);
    await runCommand(args, io);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, args, io);
  }
}
