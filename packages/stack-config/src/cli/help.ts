/** The `--help` text. */
export const HELP = `Usage: axion-stack <command> [options]

Turns a stack config into the Flux tree that the cluster reconciles.

Commands:
  generate   Write the Flux tree into --out (with --check: write nothing and
             print a unified diff of what would change)
  check      Same as "generate --check"
  validate   Validate the config only and print its errors and warnings
  secrets    Create each declared Secret that has no file yet under
             <out>/secrets/, encrypted with sops for the age recipients in
             .sops.yaml; existing values are never replaced
  secrets list
             List the Secrets the tree expects: <namespace>/<name>, id,
             keys (no values) and the components that read them
  secrets rotate <Secret>
             Replace every value of one Secret, in every namespace; the
             Secret is its id, <namespace>/<name> or name, as listed
  invite     Create an Authentik invitation (expiry and single use from
             sso.invitations) and print its enrollment link on stdout

Options:
  --config <file>  Config file: a TypeScript module calling defineStack, or
                   YAML or JSON with the same shape (default: ./stack.config.ts)
  --out <dir>      Folder of the Flux tree (default: ./flux)
  --check          Compare with --out instead of writing
  --restore-drill  generate: add the restore drill, a Cluster restored from
                   the backups and a Job that compares row counts with the
                   source, under drills/restore/ with its own Kustomization
  --json           Print a machine-readable plan or issue list on stdout
  --debug          Print each changed file and the stack trace of an
                   unexpected error
  --name <name>    invite: invitation name (default: invite-<date>-<time>)
  --authentik-url <url>
                   invite: Authentik's base URL for the API call (default:
                   https://<hosts.authentik>); the link always uses the
                   public host. The API token comes from AUTHENTIK_TOKEN or
                   the bootstrap Secret, decrypted with SOPS_AGE_KEY_FILE
  -h, --help       Print this help
  -v, --version    Print the axion-stack version

Progress goes to stderr, one line per step; data goes to stdout.

Exit codes:
  0  success
  1  invalid config (it failed to load or validate)
  2  the output check failed, --check found files that differ, --out
     contains a file at a generated path that axion-stack did not write,
     or another axion-stack run is writing --out (it holds the lock file
     <out>.axion-stack.lock; a lock whose process has ended is removed)
  3  usage error: unknown command or option, an invalid option value, or
     an --out that is a filesystem root or a non-empty folder that
     axion-stack did not write (flux bootstrap output alone is fine)
  4  unexpected error (run again with --debug for the stack trace)
  5  secrets or invite failed (sops, the age key or Authentik's API)
`;
