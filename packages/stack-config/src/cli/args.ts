/** Command-line parsing with node:util parseArgs. */
import { parseArgs } from "node:util";
import { UsageError } from "./exit-codes.js";

/** Commands the CLI runs. */
export const COMMANDS = ["generate", "check", "validate", "secrets"] as const;

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
  json: boolean;
  debug: boolean;
}

const OPTIONS = {
  config: { type: "string", default: "./stack.config.ts" },
  out: { type: "string", default: "./flux" },
  check: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  debug: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Parses argv (without `node` and the script); throws UsageError. */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parse(argv);
  const common = {
    config: values.config,
    out: values.out,
    check: values.check,
    json: values.json,
    debug: values.debug,
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
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument "${extra[0]}" after ${command}`);
  }
  return { ...common, command: command as CommandName };
}
