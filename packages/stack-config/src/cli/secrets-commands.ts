/**
 * The `secrets` and `invite` commands. They load the config like the
 * other commands, then run sops or call Authentik. Progress lines name
 * files, keys and recipients; no value and no token is ever printed.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ResolvedStack } from "../config/resolve.js";
import { resolveStack } from "../config/resolve.js";
import {
  authentikApiToken,
  createInvitation,
  defaultInvitationName,
  INVITATION_NAME_PATTERN,
} from "../invite/index.js";
import {
  createMissingSecrets,
  rotateSecret,
  type SecretsContext,
} from "../secrets/command.js";
import { findSecretId } from "../secrets/lookup.js";
import { SOPS_CONFIG_FILE, SopsConfigError } from "../secrets/sops-config.js";
import { findSopsBinary, SopsError } from "../secrets/sops.js";
import type { CliArgs } from "./args.js";
import {
  type CliIo,
  displayPath,
  loadValidConfig,
  runSecrets as listSecrets,
} from "./commands.js";
import { UsageError } from "./exit-codes.js";

/** Returns the nearest folder at or above `start` with a `.sops.yaml`. */
export function findRepoRoot(start: string): string | undefined {
  let folder = resolve(start);
  for (;;) {
    if (existsSync(join(folder, SOPS_CONFIG_FILE))) {
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      return undefined;
    }
    folder = parent;
  }
}

function secretsContext(
  args: CliArgs,
  io: CliIo,
  stack: ResolvedStack,
): SecretsContext {
  const treeRoot = resolve(io.cwd, args.out);
  const repoRoot = findRepoRoot(dirname(treeRoot));
  if (repoRoot === undefined) {
    throw new SopsConfigError(
      `no ${SOPS_CONFIG_FILE} found in ${displayPath(io, dirname(treeRoot))} ` +
        "or above: create one at the repository root with the deployment's " +
        "age public key",
    );
  }
  const binary = findSopsBinary(repoRoot);
  if (binary === undefined) {
    throw new SopsError(
      "sops not found: run `tools/install sops`, put sops 3.x on PATH or " +
        "set AXION_SOPS to its path",
    );
  }
  return {
    stack,
    repoRoot,
    treeRoot,
    sops: {
      binary,
      configPath: join(repoRoot, SOPS_CONFIG_FILE),
      cwd: repoRoot,
    },
    log: io.progress,
  };
}

async function createSecrets(args: CliArgs, io: CliIo): Promise<void> {
  const loaded = await loadValidConfig(args, io);
  const context = secretsContext(args, io, resolveStack(loaded.config));
  const summary = await createMissingSecrets(context);

  io.progress(
    `secrets: ${summary.created.length} created, ` +
      `${summary.completed.length} completed, ` +
      `${summary.unchanged.length} unchanged`,
  );
  if (summary.created.length + summary.completed.length > 0) {
    io.progress(
      `commit ${displayPath(io, join(context.treeRoot, "secrets"))}/ and ` +
        "push; Flux decrypts the files with the sops-age Secret",
    );
  }
}

async function rotate(
  args: CliArgs,
  io: CliIo,
  reference: string,
): Promise<void> {
  const loaded = await loadValidConfig(args, io);
  const stack = resolveStack(loaded.config);
  const id = findSecretId(stack.secrets, reference);
  const context = secretsContext(args, io, stack);
  const paths = await rotateSecret(context, id);
  const readers = context.stack.secrets[id]?.readBy.join(", ") ?? "";

  io.progress(
    `secrets rotate: ${paths.length} files rewritten; commit and push, ` +
      `then restart ${readers} so they read the new values`,
  );
}

/**
 * Runs `secrets`, `secrets list` or `secrets rotate <Secret>`, where the
 * Secret is its id, `<namespace>/<name>` or its name.
 */
export async function runSecretsCommand(
  args: CliArgs,
  io: CliIo,
): Promise<void> {
  const [subcommand, id] = args.operands;
  if (subcommand === undefined) {
    return createSecrets(args, io);
  }
  if (subcommand === "list" && id === undefined) {
    return listSecrets(args, io);
  }
  if (subcommand === "rotate" && id !== undefined) {
    return rotate(args, io, id);
  }
  throw new UsageError(
    `unknown secrets command "${args.operands.join(" ")}": use ` +
      '"secrets", "secrets list" or "secrets rotate <Secret>"',
  );
}

/**
 * Rejects an --authentik-url that is not an http or https URL, since the
 * API call would fail later with a message about another address, and an
 * invalid --name before any request is sent.
 */
function assertInviteOptions(args: CliArgs): void {
  const url = args.authentikUrl;
  if (url !== undefined) {
    const protocol = URL.canParse(url) ? new URL(url).protocol : undefined;
    if (protocol !== "http:" && protocol !== "https:") {
      throw new UsageError(
        `--authentik-url "${url}" is not an http or https URL: pass ` +
          "Authentik's base URL, such as https://auth.example.org",
      );
    }
  }
  if (args.name !== undefined && !INVITATION_NAME_PATTERN.test(args.name)) {
    throw new UsageError(
      `--name "${args.name}" is not a valid invitation name: use 1 to 64 ` +
        "letters, digits, '-' and '_'",
    );
  }
}

/** Runs `invite`: creates an invitation and prints its link on stdout. */
export async function runInvite(
  args: CliArgs,
  io: CliIo,
  now: Date = new Date(),
): Promise<void> {
  assertInviteOptions(args);
  const loaded = await loadValidConfig(args, io);
  const stack = resolveStack(loaded.config);
  const fromEnv = process.env.AUTHENTIK_TOKEN?.trim();
  const token =
    fromEnv || (await authentikApiToken(secretsContext(args, io, stack)));
  const name = args.name ?? defaultInvitationName(now);

  const invitation = await createInvitation(stack, {
    apiUrl: args.authentikUrl ?? stack.urls.authentik,
    token,
    name,
    now,
  });
  const uses = invitation.singleUse ? "single use" : "reusable";
  io.progress(
    `invite: created ${invitation.name}, ${uses}, valid until ` +
      invitation.expires.toISOString(),
  );
  io.stdout(`${invitation.link}\n`);
}
