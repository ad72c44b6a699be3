/**
 * Authentik: the `authentik` chart with its embedded PostgreSQL,
 * the server behind the cluster's ingress, and every credential read from
 * Secrets declared in `config/secrets.ts`.
 */
import type {
  AuthentikValues,
  ContainerSecurityContext,
  EnvVar,
  PodSecurityContext,
} from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { namespaceManifest } from "../flux/namespaces.js";
import { helmRelease, valuesConfigMap } from "../flux/resources.js";
import { helmChartSource } from "../flux/sources.js";
import { authentikBlueprintExtensions } from "./authentik-blueprints.js";
import { secretEnv, secretKeyRef } from "./secret-refs.js";
import type { Generator, JsonObject } from "./types.js";

/** Folder of Authentik's manifests in the tree. */
export const AUTHENTIK_DIR = "apps/authentik";

/** Helm release name. The chart names its objects after it. */
export const AUTHENTIK_RELEASE = "authentik";

/** Size of the embedded PostgreSQL's volume. */
const AUTHENTIK_DATABASE_SIZE = "8Gi";

/** The UID and GID the `ghcr.io/goauthentik/server` image runs as. */
const AUTHENTIK_UID = 1000;

/**
 * Paths the server and worker may write to: uploaded media under `/data`
 * and temporary files under `/tmp`. There is no `/media` volume, because
 * recent Authentik releases log a configuration error when `/media` exists.
 */
const WRITABLE_PATHS = { tmp: "/tmp", data: "/data" };

/**
 * Additions that later stages make to the release, so they need not edit
 * the values below.
 */
export interface AuthentikExtensions {
  /** ConfigMaps of blueprints for the worker to apply. */
  blueprintConfigMaps: string[];
  /** More environment variables, such as secrets read by `!Env` tags. */
  env: EnvVar[];
}

const NO_EXTENSIONS: AuthentikExtensions = { blueprintConfigMaps: [], env: [] };

const POD_SECURITY: PodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: AUTHENTIK_UID,
  runAsGroup: AUTHENTIK_UID,
  fsGroup: AUTHENTIK_UID,
  seccompProfile: { type: "RuntimeDefault" },
};

// NOTE: The read-only root filesystem relies on WRITABLE_PATHS being every
// path Authentik 2026.8 writes to, and it has not been run against that
// image.
const CONTAINER_SECURITY: ContainerSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/**
 * Builds the environment that carries Authentik's credentials: the secret
 * key, the database password and, when declared, the bootstrap token and
 * password of the `akadmin` user.
 */
export function authentikCredentialEnv(stack: ResolvedStack): EnvVar[] {
  const fromSecret = (envName: string, secretId: string, key: string) =>
    secretEnv(stack, stack.authentik.namespace, envName, secretId, key);

  const env: EnvVar[] = [
    fromSecret("AUTHENTIK_SECRET_KEY", "authentikSecretKey", "secret-key"),
    fromSecret(
      "AUTHENTIK_POSTGRESQL__PASSWORD",
      "authentikPostgresql",
      "password",
    ),
  ];
  if (stack.secrets.authentikBootstrap) {
    env.push(
      fromSecret(
        "AUTHENTIK_BOOTSTRAP_TOKEN",
        "authentikBootstrap",
        "bootstrap-token",
      ),
      fromSecret(
        "AUTHENTIK_BOOTSTRAP_PASSWORD",
        "authentikBootstrap",
        "bootstrap-password",
      ),
    );
  }
  return env;
}

function serverIngress(
  stack: ResolvedStack,
): AuthentikValues["server"]["ingress"] {
  const host = stack.hosts.authentik;
  return {
    enabled: true,
    ingressClassName: stack.cluster.ingressClassName,
    annotations: {
      "cert-manager.io/cluster-issuer": stack.cluster.clusterIssuer,
    },
    hosts: [host],
    tls: [{ secretName: `${AUTHENTIK_RELEASE}-tls`, hosts: [host] }],
    https: false,
  };
}

function globalValues(
  stack: ResolvedStack,
  extensions: AuthentikExtensions,
): AuthentikValues["global"] {
  const names = Object.keys(WRITABLE_PATHS) as (keyof typeof WRITABLE_PATHS)[];
  return {
    env: [...authentikCredentialEnv(stack), ...extensions.env],
    securityContext: structuredClone(POD_SECURITY),
    volumes: names.map((name) => ({ name, emptyDir: {} })),
    volumeMounts: names.map((name) => ({
      name,
      mountPath: WRITABLE_PATHS[name],
    })),
    affinity: { podAntiAffinity: stack.cluster.nodes > 1 ? "soft" : "none" },
  };
}

/**
 * Returns the server and worker settings. On one node each runs one
 * replica with no PodDisruptionBudget, because a budget could only block
 * the node's drain.
 */
function componentValues(stack: ResolvedStack): AuthentikValues["worker"] {
  const multiNode = stack.cluster.nodes > 1;
  return {
    replicas: multiNode ? 2 : 1,
    pdb: multiNode ? { enabled: true, minAvailable: "1" } : { enabled: false },
    // A copy for each component, so the YAML contains no anchors or aliases.
    containerSecurityContext: structuredClone(CONTAINER_SECURITY),
  };
}

function postgresqlValues(stack: ResolvedStack): AuthentikValues["postgresql"] {
  const passwords = secretKeyRef(
    stack,
    stack.authentik.namespace,
    "authentikPostgresql",
    "password",
  );
  const storageClass = stack.cluster.storageClassName;
  return {
    enabled: true,
    auth: {
      existingSecret: passwords.name,
      secretKeys: {
        adminPasswordKey: "postgres-password",
        userPasswordKey: passwords.key,
      },
    },
    primary: {
      persistence: {
        enabled: true,
        size: AUTHENTIK_DATABASE_SIZE,
        ...(storageClass === undefined ? {} : { storageClass }),
      },
    },
  };
}

/** Builds the values of the `authentik` release. */
export function authentikValues(
  stack: ResolvedStack,
  extensions: AuthentikExtensions = NO_EXTENSIONS,
): AuthentikValues {
  return {
    global: globalValues(stack, extensions),
    authentik: {
      log_level: "info",
      error_reporting: {
        enabled: stack.privacy.authentikErrorReporting,
        send_pii: false,
      },
    },
    blueprints: {
      configMaps: [...extensions.blueprintConfigMaps],
      secrets: [],
    },
    server: { ...componentValues(stack), ingress: serverIngress(stack) },
    worker: componentValues(stack),
    postgresql: postgresqlValues(stack),
  };
}

/**
 * Renders Authentik: its namespace (Pod Security `restricted`), the chart
 * source, the values ConfigMap and the HelmRelease.
 */
export const generateAuthentik: Generator = (stack) => {
  if (!stack.authentik.enabled) {
    return [];
  }
  const { namespace } = stack.authentik;
  const source = helmChartSource(
    stack,
    "authentik",
    "authentik",
    stack.authentik.chartVersion,
  );
  const configMapName = `${AUTHENTIK_RELEASE}-values`;

  const values = authentikValues(
    stack,
    authentikBlueprintExtensions(stack),
  ) as unknown as JsonObject;
  const release = helmRelease({
    name: AUTHENTIK_RELEASE,
    namespace,
    interval: stack.flux.interval,
    source: source.ref,
    valuesFrom: [{ kind: "ConfigMap", name: configMapName }],
    timeout: "10m",
  });

  return [
    namespaceManifest(namespace, "restricted"),
    source.manifest,
    {
      path: `${AUTHENTIK_DIR}/values.yaml`,
      document: valuesConfigMap({ name: configMapName, namespace, values }),
    },
    { path: `${AUTHENTIK_DIR}/helmrelease.yaml`, document: release },
  ];
};
