/**
 * A test Synapse configured from the generated tree: the ESS values'
 * `synapse.additional.*` fragments over a loopback base config, with the
 * chart's Secret mounts replaced by local files holding test values.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  adaptMountPaths,
  essValues,
  mountSynapseSecrets,
  type SynapseFragment,
  synapseFragments,
} from "./ess.js";
import { pickTcpPort } from "./processes.js";
import {
  createSynapseSite,
  writeSigningKey,
  homeserverConfig,
  type SynapseSite,
  writeHomeserverConfig,
} from "./synapse.js";
import { generateTree, type GeneratedTree, STACK_CONFIG } from "./tree.js";

/** Everything a test needs to start and check the generated Synapse. */
export interface GeneratedSynapse {
  tree: GeneratedTree;
  site: SynapseSite;
  configPath: string;
  fragments: SynapseFragment[];
  /** Test values of the mounted Secrets, by `<secret name>/<key>`. */
  secrets: Map<string, string>;
}

/**
 * Generates the tree into `work` and writes a homeserver.yaml from it.
 * `edit` may change the parsed fragments first, for negative tests.
 */
export async function prepareGeneratedSynapse(
  work: string,
  edit?: (fragments: SynapseFragment[]) => void,
): Promise<GeneratedSynapse> {
  const tree = await generateTree(STACK_CONFIG, join(work, "repo"));
  const values = essValues(tree);
  const fragments = synapseFragments(values);
  edit?.(fragments);

  const siteDir = join(work, "synapse");
  mkdirSync(siteDir, { recursive: true });
  const secrets = new Map<string, string>();
  const mounts = mountSynapseSecrets(values, siteDir, (secret, key) => {
    const value = randomBytes(32).toString("base64url");
    secrets.set(`${secret}/${key}`, value);
    return value;
  });

  const serverName = values.serverName as string;
  const site = createSynapseSite(siteDir, await pickTcpPort(), serverName);
  const adapted = fragments.map(
    (fragment) =>
      adaptMountPaths(fragment.config, mounts) as SynapseFragment["config"],
  );
  const configPath = writeHomeserverConfig(
    site,
    homeserverConfig(site, adapted),
  );
  writeSigningKey(site);
  return { tree, site, configPath, fragments, secrets };
}

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/**
 * Converts a duration such as `1d` to milliseconds with Synapse's units,
 * where `y` is 365 days.
 */
export function durationMs(duration: string): number {
  const match = /^(\d+)(ms|s|m|h|d|w|y)?$/.exec(duration);
  const unit = DURATION_UNITS_MS[match?.[2] ?? "ms"];
  if (match === null || unit === undefined) {
    throw new Error(`invalid duration '${duration}': use digits and a unit`);
  }
  return Number(match[1]) * unit;
}
