/**
 * Element Server Suite: the `matrix-stack` chart from its OCI registry, one
 * HelmRelease, and its values split into one ConfigMap per component so a
 * review shows which component a change touches. The component files
 * (`synapse.ts`, `mas.ts`, ...) build their part with the helpers here.
 */
import type {
  DisabledComponent,
  ExternalPostgres,
  MatrixStackValues,
  MatrixStackValuesV26_4_0,
  MatrixStackValuesV26_8_1,
  SecretKeyRef,
} from "@axion-stack/values-schemas";
import { stringify } from "yaml";
import type { ResolvedStack } from "../config/resolve.js";
import { namespaceManifest } from "../flux/namespaces.js";
import { helmRelease, valuesConfigMap } from "../flux/resources.js";
import { essChartSource } from "../flux/sources.js";
import { secretKeyRef } from "./secret-refs.js";
import type { Generator, JsonObject, Manifest } from "./types.js";

/** Folder of the ESS manifests in the tree. */
export const ESS_DIR = "apps/ess";

/**
 * The values ConfigMaps, in the order the HelmRelease merges them. Each
 * one sets different top-level keys, so the order matters only if two
 * ever overlap.
 */
export const ESS_VALUES_PARTS = [
  "global",
  "synapse",
  "matrix-authentication-service",
  "element-web",
  "element-admin",
  "matrix-rtc",
  "well-known",
] as const;

/** One values ConfigMap of the ESS release. */
export type EssValuesPart = (typeof ESS_VALUES_PARTS)[number];

/** Top-level values of one ConfigMap, each valid in some chart version. */
export type EssPartValues = {
  [K in keyof MatrixStackValuesV26_4_0]?:
    MatrixStackValuesV26_4_0[K] | MatrixStackValuesV26_8_1[K];
};

/** The value that switches off a component the chart enables by default. */
export const DISABLED: DisabledComponent = { enabled: false };

/** Returns the name of one values ConfigMap. */
export function essValuesName(stack: ResolvedStack, part: EssValuesPart) {
  return `${stack.ess.releaseName}-values-${part}`;
}

/** Builds the manifest of one values ConfigMap of the ESS release. */
export function essValuesManifest(
  stack: ResolvedStack,
  part: EssValuesPart,
  values: EssPartValues,
): Manifest {
  const document = valuesConfigMap({
    name: essValuesName(stack, part),
    namespace: stack.ess.namespace,
    values: values as JsonObject,
  });
  return { path: `${ESS_DIR}/values-${part}.yaml`, document };
}

/**
 * Returns the chart's reference to one key of a Secret declared in
 * `config/secrets.ts`. Throws when the Secret or key is not declared in
 * the ESS namespace.
 */
export function essSecretRef(
  stack: ResolvedStack,
  secretId: string,
  key: string,
): SecretKeyRef {
  const ref = secretKeyRef(stack, stack.ess.namespace, secretId, key);
  return { secret: ref.name, secretKey: ref.key };
}

/**
 * Serialises one typed config fragment as YAML for `<component>.additional`.
 * matrix-tools replaces `${VAR}` in fragments from the environment, and
 * chart 26.4.0 has no escape for it, so a fragment that contains `${` is
 * rejected instead of being corrupted at pod start.
 */
export function configFragment(label: string, value: object): string {
  const text = stringify(value, { lineWidth: 0 });
  if (text.includes("${")) {
    throw new Error(
      `invalid ${label} fragment: it contains "\${", which matrix-tools ` +
        "would replace from the environment at pod start. Remove the " +
        '"${" from the config value it came from.',
    );
  }
  return text;
}

/**
 * Returns the `<component>.postgres` block that points Synapse or MAS at
 * its database in the CloudNativePG Cluster, or undefined while ESS keeps
 * its embedded PostgreSQL. CloudNativePG serves TLS with its own CA, so
 * `require` encrypts without verifying that CA.
 */
export function externalPostgres(
  stack: ResolvedStack,
  database: "synapse" | "mas",
): ExternalPostgres | undefined {
  const { postgres } = stack;
  if (!postgres.essUsesCluster) {
    return undefined;
  }
  const secretId = database === "synapse" ? "postgresSynapse" : "postgresMas";
  const { name, owner } = postgres.databases[database];
  return {
    host: postgres.host,
    port: postgres.port,
    user: owner,
    database: name,
    sslMode: "require",
    password: essSecretRef(stack, secretId, "password"),
  };
}

function postgresValues(stack: ResolvedStack): MatrixStackValues["postgres"] {
  if (stack.postgres.essUsesCluster) {
    return DISABLED;
  }
  const ref = (key: string) =>
    essSecretRef(stack, "essPostgresCredentials", key);
  const { synapse, matrixAuthenticationService } = stack.ess;

  return {
    enabled: true,
    adminPassword: ref("admin-password"),
    essPasswords: {
      ...(synapse.enabled ? { synapse: ref("synapse-password") } : {}),
      ...(matrixAuthenticationService.enabled
        ? { matrixAuthenticationService: ref("mas-password") }
        : {}),
    },
  };
}

/**
 * Builds the values every component shares: the server name, the
 * IngressClass and cert-manager issuer of every Ingress, the StorageClass
 * and the embedded PostgreSQL's passwords.
 */
export function essGlobalValues(stack: ResolvedStack): EssPartValues {
  const { storageClassName } = stack.cluster;
  return {
    serverName: stack.serverName,
    ingress: { className: stack.cluster.ingressClassName },
    certManager: { clusterIssuer: stack.cluster.clusterIssuer },
    ...(storageClassName === undefined
      ? {}
      : { storage: { storageClassName } }),
    postgres: postgresValues(stack),
  };
}

/**
 * Renders the ESS release: its namespace, the chart's OCIRepository, the
 * shared values and the HelmRelease that reads every values ConfigMap.
 */
export const generateEss: Generator = (stack) => {
  const { namespace, releaseName } = stack.ess;
  const source = essChartSource(stack);

  // First installs run the secret and database hooks before Synapse starts.
  const release = helmRelease({
    name: releaseName,
    namespace,
    interval: stack.flux.interval,
    source: source.ref,
    valuesFrom: ESS_VALUES_PARTS.map((part) => ({
      kind: "ConfigMap" as const,
      name: essValuesName(stack, part),
    })),
    timeout: "15m",
    // Synapse and MAS need their databases before their first start.
    ...(stack.postgres.essUsesCluster
      ? { dependsOn: [{ name: stack.postgres.clusterName }] }
      : {}),
  });

  return [
    namespaceManifest(namespace, "restricted"),
    source.manifest,
    essValuesManifest(stack, "global", essGlobalValues(stack)),
    { path: `${ESS_DIR}/helmrelease.yaml`, document: release },
  ];
};
