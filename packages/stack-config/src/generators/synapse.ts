/**
 * Synapse: its host and media store, every credential by Secret reference,
 * and homeserver.yaml fragments for the room policies, usage statistics
 * and TURN for legacy 1:1 calls through coturn.
 */
import type {
  ConfigFragments,
  ExternalPostgres,
  ExtraSecretVolume,
  ExtraVolumeMount,
  SynapseHomeserverFragment,
  SynapseSection,
} from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import {
  configFragment,
  DISABLED,
  essSecretRef,
  essValuesManifest,
  externalPostgres,
} from "./ess.js";
import { GeneratorConfigError } from "./errors.js";
import type { Generator } from "./types.js";

/** Folder the TURN shared secret is mounted at in Synapse's pods. */
export const TURN_SECRET_DIR = "/turn-shared-secret";

/** Name of the volume that contains the TURN shared secret. */
const TURN_SECRET_VOLUME = "turn-shared-secret";

/**
 * Converts `ess.synapse.maxUploadSize` to the chart's format, which allows
 * only `K` and `M`. Synapse reads `K`, `M` and `G` as powers of 1024.
 */
export function chartMaxUploadSize(size: string): string {
  const match = /^([0-9]+)([KMG]?)$/.exec(size);
  const digits = match?.[1];
  if (match === null || digits === undefined) {
    throw new GeneratorConfigError({
      path: "ess.synapse.maxUploadSize",
      value: size,
      message: "is not a size",
      allowed: "digits with an optional K, M or G suffix",
      fix: "use a size such as 100M",
    });
  }
  // BigInt, because a Number loses digits past 2^53 and prints an exponent
  // such as 1e+23 from 10^21 on, which the chart's pattern rejects.
  const amount = BigInt(digits);

  if (match[2] === "G") {
    return `${amount * 1024n}M`;
  }
  if (match[2] !== "") {
    return size;
  }
  if (amount % 1024n !== 0n) {
    throw new GeneratorConfigError({
      path: "ess.synapse.maxUploadSize",
      value: size,
      message:
        "is a byte count that the chart cannot express: it takes whole " +
        "KiB or MiB",
      allowed: "a multiple of 1024 bytes, or a K, M or G suffix",
      fix: "use a multiple of 1024 bytes or a suffix, such as 100M",
    });
  }
  return `${amount / 1024n}K`;
}

function retentionFragment(stack: ResolvedStack): SynapseHomeserverFragment {
  const { retention } = stack.policies;
  const defaultMax = retention.defaultMaxLifetime;
  return {
    retention: {
      enabled: true,
      allowed_lifetime_min: retention.minLifetime,
      allowed_lifetime_max: retention.maxLifetime,
      ...(defaultMax ? { default_policy: { max_lifetime: defaultMax } } : {}),
    },
  };
}

function roomDirectoryFragment(
  stack: ResolvedStack,
): SynapseHomeserverFragment {
  const rules = stack.policies.roomDirectory.publicationRules;
  return {
    room_list_publication_rules: rules.map((rule) => ({
      user_id: rule.userId,
      alias: rule.alias,
      room_id: rule.roomId,
      action: rule.action,
    })),
  };
}

/**
 * Builds the TURN settings for legacy 1:1 calls: coturn's UDP and TCP port
 * and its TLS port, and the shared secret read from a mounted file, so the
 * secret never enters homeserver.yaml.
 */
export function turnFragment(stack: ResolvedStack): SynapseHomeserverFragment {
  const host = stack.hosts.turn;
  const { port, tlsPort, credentialLifetime } = stack.coturn;
  const secret = essSecretRef(stack, "turnSharedSecret", "shared-secret");

  return {
    turn_uris: [
      `turn:${host}:${port}?transport=udp`,
      `turn:${host}:${port}?transport=tcp`,
      `turns:${host}:${tlsPort}?transport=tcp`,
    ],
    turn_shared_secret_path: `${TURN_SECRET_DIR}/${secret.secretKey}`,
    turn_user_lifetime: credentialLifetime,
    turn_allow_guests: false,
  };
}

/**
 * Returns the homeserver.yaml fragments by name. The chart merges them in
 * the alphabetical order of their names; no two of them set the same key.
 */
export function synapseFragments(
  stack: ResolvedStack,
): Record<string, SynapseHomeserverFragment> {
  const { policies } = stack;
  const fragments: Record<string, SynapseHomeserverFragment> = {
    "axion-privacy": { report_stats: stack.privacy.synapseReportStats },
    "axion-room-directory": roomDirectoryFragment(stack),
  };

  if (policies.retention.enabled) {
    fragments["axion-retention"] = retentionFragment(stack);
  }
  if (policies.autoJoinRooms.rooms.length > 0) {
    fragments["axion-auto-join-rooms"] = {
      auto_join_rooms: [...policies.autoJoinRooms.rooms],
      autocreate_auto_join_rooms: policies.autoJoinRooms.autoCreate,
    };
  }
  if (stack.coturn.enabled) {
    fragments["axion-turn"] = turnFragment(stack);
  }
  const allowlist = policies.federationAllowlist;
  if (allowlist !== undefined) {
    fragments["axion-federation"] = {
      federation_domain_whitelist: [...allowlist],
    };
  }
  return fragments;
}

function turnSecretVolumes(stack: ResolvedStack): {
  extraVolumes: ExtraSecretVolume[];
  extraVolumeMounts: ExtraVolumeMount[];
} {
  if (!stack.coturn.enabled) {
    return { extraVolumes: [], extraVolumeMounts: [] };
  }
  const secret = essSecretRef(stack, "turnSharedSecret", "shared-secret");
  const file = { key: secret.secretKey, path: secret.secretKey };

  return {
    extraVolumes: [
      {
        name: TURN_SECRET_VOLUME,
        secret: { secretName: secret.secret, items: [file] },
      },
    ],
    extraVolumeMounts: [
      { name: TURN_SECRET_VOLUME, mountPath: TURN_SECRET_DIR, readOnly: true },
    ],
  };
}

/** Builds the `synapse` values. */
export function synapseValues(stack: ResolvedStack): SynapseSection {
  const { synapse } = stack.ess;
  if (!synapse.enabled) {
    return DISABLED;
  }
  const ref = (key: string) => essSecretRef(stack, "synapseCredentials", key);
  const additional: ConfigFragments = {};
  for (const [name, fragment] of Object.entries(synapseFragments(stack))) {
    additional[name] = { config: configFragment(`synapse ${name}`, fragment) };
  }

  return {
    enabled: true,
    ingress: { host: stack.hosts.synapse },
    media: {
      maxUploadSize: chartMaxUploadSize(synapse.maxUploadSize),
      storage: { size: synapse.mediaStorageSize },
    },
    macaroon: ref("macaroon"),
    registrationSharedSecret: ref("registration-shared-secret"),
    signingKey: ref("signing-key"),
    additional,
    ...turnSecretVolumes(stack),
    ...withPostgres(stack),
  };
}

function withPostgres(stack: ResolvedStack): { postgres?: ExternalPostgres } {
  const postgres = externalPostgres(stack, "synapse");
  return postgres ? { postgres } : {};
}

/** Renders the `synapse` values ConfigMap of the ESS release. */
export const generateSynapse: Generator = (stack) => [
  essValuesManifest(stack, "synapse", { synapse: synapseValues(stack) }),
];
