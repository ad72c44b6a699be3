/** The `--help` text. */
export const HELP = `Usage: axion-stack <command> [options]

Turns a stack config into the Flux tree that the cluster reconciles.

Commands:
  generate   Write the Flux tree into --out (with --check: write nothing and
             print a unified diff of what would change)
  check      Same as "generate --check"
  validate   Validate the config only and print its errors and warnings
  secrets    List the Secrets the tree expects, with their keys (no values)

Options:
  --config <file>  Config file: a TypeScript module calling defineStack, or
                   YAML or JSON with the same shape (default: ./stack.config.ts)
  --out <dir>      Folder of the Flux tree (default: ./flux)
  --check          Compare with --out instead of writing
  --json           Print a machine-readable plan or issue list on stdout
  --debug          Print stack traces of unexpected errors
  -h, --help       Print this help
  -v, --version    Print the axion-stack version

Progress goes to stderr, one line per step; data goes to stdout.

Exit codes:
  0  success
  1  invalid config (it failed to load or validate)
  2  the output check failed, or --check found files that differ
  3  usage error (unknown command or option)
  4  unexpected error (run again with --debug for the stack trace)
`;
