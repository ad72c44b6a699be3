/** Command-line parsing with node:util parseArgs. */
import { parseArgs } from "node:util";
import { UsageError } from "./exit-codes.js";

/** Commands the CLI runs. */
export const COMMANDS = [
  "generate",
  "check",
  "validate",
  "secrets",
  "invite",
] as const;

/** One of COMMANDS. */
export type CommandName = (typeof COMMANDS)[number];

/** A parsed command line. */
export interface CliArgs {
  command: CommandName | "help" | "version";
  /** Config file, as given or the default `./stack.config.ts`. */
  config: string;
  /** Output folder, as given or the default `./flux`. */
  out: string;
  check: boolean;
  /** `generate --restore-drill`: add the restore drill to the tree. */
  restoreDrill: boolean;
  json: boolean;
  debug: boolean;
  /** Words after the command, such as `rotate <id>` after `secrets`. */
  operands: string[];
  /** `invite --name`: name of the invitation. */
  name?: string;
  /** `invite --authentik-url`: where the Authentik API is reached. */
  authentikUrl?: string;
}

/** How many operands each command takes at most. */
const MAX_OPERANDS: Partial<Record<CommandName, number>> = { secrets: 2 };

const OPTIONS = {
  config: { type: "string", default: "./stack.config.ts" },
  out: { type: "string", default: "./flux" },
  check: { type: "boolean", default: false },
  "restore-drill": { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  debug: { type: "boolean", default: false },
  name: { type: "string" },
  "authentik-url": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const;

/**
 * Rewrites a parseArgs error as a usage message that names the option.
 * Node's own messages quote the option, which is where its name is read.
 */
function usageMessage(error: Error & { code?: string }): string {
  const option = /'([^' ]+)/.exec(error.message)?.[1] ?? "";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return `unknown option "${option}"`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return error.message.includes("argument missing")
      ? `option "${option}" needs a value`
      : `option "${option}" takes no value`;
  }
  return error.message;
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError(usageMessage(error as Error));
  }
}

/**
 * Rejects an empty --config or --out, because an empty path resolves to
 * the working folder, so generate would replace that whole folder.
 */
function assertPathsGiven(values: { config: string; out: string }): void {
  if (values.config === "") {
    throw new UsageError(
      "--config is empty: pass a config file, such as stack.config.ts",
    );
  }
  if (values.out === "") {
    throw new UsageError("--out is empty: pass a folder, such as flux");
  }
}

/** Parses argv (without `node` and the script); throws UsageError. */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parse(argv);
  assertPathsGiven(values);
  const common = {
    config: values.config,
    out: values.out,
    check: values.check,
    restoreDrill: values["restore-drill"],
    json: values.json,
    debug: values.debug,
    operands: [] as string[],
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values["authentik-url"] === undefined
      ? {}
      : { authentikUrl: values["authentik-url"] }),
  };
  if (values.help || positionals[0] === "help") {
    return { ...common, command: "help" };
  }
  if (values.version) {
    return { ...common, command: "version" };
  }

  const [command, ...extra] = positionals;
  if (command === undefined) {
    throw new UsageError(`missing command: use one of ${COMMANDS.join(", ")}`);
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(
      `unknown command "${command}": use one of ${COMMANDS.join(", ")}`,
    );
  }
  const maxOperands = MAX_OPERANDS[command as CommandName] ?? 0;
  if (extra.length > maxOperands) {
    throw new UsageError(
      `unexpected argument "${extra[maxOperands]}" after ${command}`,
    );
  }
  return { ...common, command: command as CommandName, operands: extra };
}
