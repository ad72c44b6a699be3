import { HOST_ACCESS_NAMESPACES } from "./defaults.js";
import type { ResolvedStack } from "./resolve.js";

/** How a Secret key's value is made when it does not exist yet. */
export type SecretValueKind =
  /** Random bytes, base64url-encoded. */
  | { kind: "random"; bytes: number }
  /** Random bytes, hex-encoded (MAS's `encryption` secret wants 32 bytes). */
  | { kind: "hex"; bytes: number }
  /**
   * A Synapse signing key as `generate_signing_key` writes it:
   * `ed25519 a_<key id> <unpadded base64 of the 32-byte seed>`.
   */
  | { kind: "synapse-signing-key" }
  /** An RSA private key, PKCS#8 PEM (MAS signing key). */
  | { kind: "rsa-private-key"; bits: 2048 | 3072 | 4096 }
  /** An ECDSA P-256 (prime256v1) private key, PKCS#8 PEM (MAS signing key). */
  | { kind: "ec-p256-private-key" }
  /** A value that is not secret but must sit beside one, such as a user. */
  | { kind: "fixed"; value: string }
  /**
   * A credential that a third party issues, such as an S3 access key. The
   * secrets command reads it from the environment variable `variable`.
   */
  | { kind: "provided"; variable: string };

/** One key of a Secret. */
export interface SecretKeySpec {
  /** What the value is, for `SECRETS.md`. */
  description: string;
  value: SecretValueKind;
}

/**
 * A Kubernetes Secret that the tree expects but never contains in plain
 * text. Components reference it by `namespace`/`name`/key.
 */
export interface SecretSpec {
  /**
   * Namespaces the Secret is needed in. A value read in two namespaces has
   * one source and is written into each of them with the same value.
   */
  namespaces: string[];
  name: string;
  keys: Record<string, SecretKeySpec>;
  /** Components that read this Secret, such as `synapse` or `coturn`. */
  readBy: string[];
}

/**
 * Lists every Secret the resolved stack needs. This is the one place a
 * Secret name is chosen, so a value shared by two components has one source.
 */
export function resolveSecrets(
  stack: Omit<ResolvedStack, "secrets">,
): Record<string, SecretSpec> {
  const secrets: Record<string, SecretSpec> = {};

  if (stack.coturn.enabled) {
    secrets.turnSharedSecret = {
      namespaces: [stack.ess.namespace, HOST_ACCESS_NAMESPACES.coturn],
      name: "coturn-shared-secret",
      keys: {
        "shared-secret": {
          description:
            "HMAC key of coturn's TURN REST API credentials; Synapse signs " +
            "time-limited TURN usernames with it",
          value: { kind: "random", bytes: 32 },
        },
      },
      readBy: ["coturn", "synapse"],
    };
  }

  Object.assign(secrets, essSecrets(stack));
  Object.assign(secrets, postgresSecrets(stack));
  Object.assign(secrets, backupSecrets(stack));
  Object.assign(secrets, authentikSecrets(stack));
  Object.assign(secrets, ssoSecrets(stack));
  return secrets;
}

const random32: SecretValueKind = { kind: "random", bytes: 32 };

const SYNAPSE_KEYS: SecretSpec["keys"] = {
  macaroon: {
    description: "Synapse's macaroon_secret_key: signs access tokens",
    value: random32,
  },
  "registration-shared-secret": {
    description:
      "Synapse's registration_shared_secret: lets admin tools register " +
      "users through the admin API",
    value: random32,
  },
  "signing-key": {
    description:
      "Synapse's federation signing key; other servers cache it, so " +
      "replacing it breaks federation until they fetch it again",
    value: { kind: "synapse-signing-key" },
  },
};

const MAS_KEYS: SecretSpec["keys"] = {
  "encryption-secret": {
    description: "MAS key that encrypts secrets in its database",
    value: { kind: "hex", bytes: 32 },
  },
  "synapse-shared-secret": {
    description: "Secret that MAS and Synapse authenticate each other with",
    value: random32,
  },
  "rsa-private-key": {
    description: "MAS RSA key that signs ID tokens",
    value: { kind: "rsa-private-key", bits: 4096 },
  },
  "ecdsa-p256-private-key": {
    description: "MAS ECDSA P-256 key that signs ID tokens",
    value: { kind: "ec-p256-private-key" },
  },
};

const MATRIX_RTC_KEYS: SecretSpec["keys"] = {
  "livekit-secret": {
    description:
      "Secret of the LiveKit API key that the SFU and the MatrixRTC JWT " +
      "service share; LiveKit wants at least 32 characters",
    value: random32,
  },
};

const ESS_POSTGRES_KEYS: SecretSpec["keys"] = {
  "admin-password": {
    description: "Password of the embedded PostgreSQL's superuser",
    value: random32,
  },
  "synapse-password": {
    description: "Password of Synapse's database user",
    value: random32,
  },
  "mas-password": {
    description:
      "Password of MAS's database user. MAS puts it into a database URL, " +
      "where base64url characters need no escaping",
    value: random32,
  },
};

/**
 * Declares every credential the `matrix-stack` chart takes. Supplying them
 * keeps the chart's `initSecrets` job from generating them into a Secret
 * that exists only in the cluster.
 */
function essSecrets(
  stack: Omit<ResolvedStack, "secrets">,
): Record<string, SecretSpec> {
  const { namespace, releaseName, synapse, matrixRTC } = stack.ess;
  const mas = stack.ess.matrixAuthenticationService;
  const spec = (name: string, keys: SecretSpec["keys"], readBy: string[]) => ({
    namespaces: [namespace],
    name: `${releaseName}-${name}-credentials`,
    keys,
    readBy,
  });

  return {
    ...(synapse.enabled
      ? { synapseCredentials: spec("synapse", SYNAPSE_KEYS, ["synapse"]) }
      : {}),
    ...(mas.enabled
      ? {
          masCredentials: spec("mas", MAS_KEYS, [
            "matrix-authentication-service",
            "synapse",
          ]),
        }
      : {}),
    ...(matrixRTC.enabled
      ? {
          matrixRTCCredentials: spec("matrix-rtc", MATRIX_RTC_KEYS, [
            "matrix-rtc-sfu",
            "matrix-rtc-authorisation-service",
          ]),
        }
      : {}),
    ...(stack.postgres.essUsesCluster
      ? {}
      : {
          essPostgresCredentials: spec("postgres", ESS_POSTGRES_KEYS, [
            "postgres",
            "synapse",
            "matrix-authentication-service",
          ]),
        }),
  };
}

/**
 * Authentik's own secret key and the password of its embedded PostgreSQL,
 * which the database and Authentik both read from one Secret.
 */
function authentikSecrets(
  stack: Omit<ResolvedStack, "secrets">,
): Record<string, SecretSpec> {
  if (!stack.authentik.enabled) {
    return {};
  }
  const namespaces = [stack.authentik.namespace];
  return {
    authentikSecretKey: {
      namespaces,
      name: "authentik-secret-key",
      keys: {
        "secret-key": {
          description:
            "Authentik's AUTHENTIK_SECRET_KEY: signs cookies and derives " +
            "unique user IDs, so it must never change after the first start",
          value: { kind: "random", bytes: 48 },
        },
      },
      readBy: ["authentik"],
    },
    authentikPostgresql: {
      namespaces,
      name: "authentik-postgresql",
      keys: {
        password: {
          description:
            "Password of the `authentik` database user, set by the " +
            "embedded PostgreSQL and used by Authentik to log in",
          value: { kind: "random", bytes: 32 },
        },
        "postgres-password": {
          description: "Password of the embedded PostgreSQL's superuser",
          value: { kind: "random", bytes: 32 },
        },
      },
      readBy: ["authentik", "authentik-postgresql"],
    },
  };
}

/**
 * The OIDC client secret that Authentik checks and MAS sends, and the
 * Authentik bootstrap token that `axion-stack invite` calls the API with.
 */
function ssoSecrets(
  stack: Omit<ResolvedStack, "secrets">,
): Record<string, SecretSpec> {
  const secrets: Record<string, SecretSpec> = {};
  const { sso } = stack;

  if (sso.enabled) {
    secrets.oidcClientSecret = {
      // A Set, because authentik.namespace may equal ess.namespace.
      namespaces: [
        ...new Set([stack.authentik.namespace, stack.ess.namespace]),
      ],
      name: sso.clientSecret.secret,
      keys: {
        [sso.clientSecret.key]: {
          description:
            "OAuth 2.0 client secret of MAS at Authentik; Authentik's " +
            "blueprint sets it on the provider and MAS sends it",
          value: { kind: "random", bytes: 48 },
        },
      },
      readBy: ["authentik", "matrix-authentication-service"],
    };
  }
  if (stack.authentik.enabled) {
    secrets.authentikBootstrap = {
      namespaces: [stack.authentik.namespace],
      name: "authentik-bootstrap",
      keys: {
        "bootstrap-token": {
          description:
            "API token of the akadmin user, created at Authentik's first " +
            "start; `axion-stack invite` creates invitations with it",
          value: { kind: "random", bytes: 48 },
        },
        "bootstrap-password": {
          description: "Password of the akadmin user, set at first start",
          value: { kind: "random", bytes: 24 },
        },
      },
      readBy: ["authentik"],
    };
  }
  return secrets;
}

/** Describes how a value is made, for `SECRETS.md`; never the value. */
export function describeSecretValue(value: SecretValueKind): string {
  switch (value.kind) {
    case "random":
      return `${value.bytes} random bytes, base64url-encoded`;
    case "hex":
      return `${value.bytes} random bytes, hex-encoded`;
    case "synapse-signing-key":
      return "Synapse ed25519 signing key (`ed25519 a_<id> <seed>`)";
    case "rsa-private-key":
      return `RSA ${value.bits}-bit private key, PKCS#8 PEM`;
    case "ec-p256-private-key":
      return "ECDSA P-256 private key, PKCS#8 PEM";
    case "fixed":
      return `the fixed value \`${value.value}\``;
    case "provided":
      return `issued by the provider, read from $${value.variable}`;
  }
}

/**
 * Declares the login of each database owner in the CloudNativePG Cluster.
 * CloudNativePG reads a role's password from a Secret with the keys
 * `username` and `password`; Synapse and MAS read the `password` key.
 */
function postgresSecrets(
  stack: Omit<ResolvedStack, "secrets">,
): Record<string, SecretSpec> {
  const { postgres } = stack;
  if (!postgres.clusterEnabled) {
    return {};
  }
  const role = (owner: string, readBy: string): SecretSpec => ({
    namespaces: [postgres.namespace],
    name: `${postgres.clusterName}-${owner}`,
    keys: {
      username: {
        description: `Name of the PostgreSQL role that owns the ${owner} database`,
        value: { kind: "fixed", value: owner },
      },
      password: {
        description: `Password of the PostgreSQL role ${owner}`,
        value: { kind: "random", bytes: 32 },
      },
    },
    readBy: ["postgres", readBy],
  });
  return {
    postgresSynapse: role(postgres.databases.synapse.owner, "synapse"),
    postgresMas: role(
      postgres.databases.mas.owner,
      "matrix-authentication-service",
    ),
  };
}

/** Names of the environment variables that carry the S3 credentials. */
export const S3_CREDENTIAL_VARIABLES = {
  accessKeyId: "AXION_BACKUP_S3_ACCESS_KEY_ID",
  secretAccessKey: "AXION_BACKUP_S3_SECRET_ACCESS_KEY",
} as const;

/**
 * Declares the S3 credentials of the off-site backups and the password of
 * the restic repository of the media store. The key names are the ones
 * the cluster chart's ObjectStore reads.
 */
function backupSecrets(
  stack: Omit<ResolvedStack, "secrets">,
): Record<string, SecretSpec> {
  const { backups, postgres } = stack;
  if (backups === undefined) {
    return {};
  }
  const secrets: Record<string, SecretSpec> = {
    backupS3Credentials: {
      namespaces: [postgres.namespace],
      name: "backup-s3-credentials",
      keys: {
        ACCESS_KEY_ID: {
          description: "Access key ID of the backup bucket",
          value: {
            kind: "provided",
            variable: S3_CREDENTIAL_VARIABLES.accessKeyId,
          },
        },
        ACCESS_SECRET_KEY: {
          description: "Secret access key of the backup bucket",
          value: {
            kind: "provided",
            variable: S3_CREDENTIAL_VARIABLES.secretAccessKey,
          },
        },
      },
      readBy: ["postgres", "media-backup"],
    },
  };
  if (postgres.clusterEnabled) {
    secrets.restoreDrillSuperuser = {
      namespaces: [postgres.namespace],
      name: `${backups.restoreDrill.serverName}-superuser`,
      keys: {
        username: {
          description: "PostgreSQL superuser of the restore drill's Cluster",
          value: { kind: "fixed", value: "postgres" },
        },
        password: {
          description:
            "Password of the restore drill's superuser, which its check " +
            "Job reads every database with",
          value: { kind: "random", bytes: 32 },
        },
      },
      readBy: ["restore-drill"],
    };
  }
  if (backups.media.enabled && stack.ess.synapse.enabled) {
    secrets.mediaBackupPassword = {
      namespaces: [postgres.namespace],
      name: "media-backup-restic",
      keys: {
        password: {
          description:
            "Password that encrypts the restic repository of the media " +
            "store; without it the backups cannot be read, so keep a " +
            "copy outside the cluster",
          value: { kind: "random", bytes: 32 },
        },
      },
      readBy: ["media-backup"],
    };
  }
  return secrets;
}
