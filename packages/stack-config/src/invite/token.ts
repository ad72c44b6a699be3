/**
 * The Authentik API token `axion-stack invite` sends: `AUTHENTIK_TOKEN`
 * when set, otherwise the bootstrap token decrypted from its Secret file
 * with the operator's age key.
 */
import type { SecretsContext } from "../secrets/command.js";
import { plannedSecretFiles } from "../secrets/layout.js";
import { locate, readSecretValues } from "../secrets/store.js";
import { InviteError } from "./invite.js";

const BOOTSTRAP_SECRET_ID = "authentikBootstrap";
const BOOTSTRAP_TOKEN_KEY = "bootstrap-token";

/** Returns the API token; the caller must never print it. */
export async function authentikApiToken(
  context: SecretsContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const fromEnv = env.AUTHENTIK_TOKEN?.trim();
  if (fromEnv) {
    return fromEnv;
  }

  const file = plannedSecretFiles(context.stack).find(
    (candidate) => candidate.id === BOOTSTRAP_SECRET_ID,
  );
  if (file === undefined) {
    throw new InviteError(
      "no Authentik API token: set AUTHENTIK_TOKEN, because this stack " +
        "declares no Authentik bootstrap Secret",
    );
  }
  const location = locate(context.treeRoot, context.repoRoot, file.path);
  const values = await readSecretValues(
    context.sops,
    location,
    "axion-stack invite reads the Authentik bootstrap token",
  );
  const token = values[BOOTSTRAP_TOKEN_KEY];
  if (!token) {
    throw new InviteError(
      `${location.fromRepo} has no key ${BOOTSTRAP_TOKEN_KEY}; set ` +
        "AUTHENTIK_TOKEN to an Authentik API token instead",
    );
  }
  return token;
}
