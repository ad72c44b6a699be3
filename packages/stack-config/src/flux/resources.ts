/**
 * Builders for the Flux and Kubernetes objects every generator needs. They
 * use the API versions that Flux 2.9 serves: HelmRelease
 * `helm.toolkit.fluxcd.io/v2`, sources and Kustomization `v1`.
 */
import type { JsonObject, JsonValue } from "../generators/types.js";
import { toYaml } from "../writer/serialise.js";
import { MANAGED_BY_LABELS } from "./names.js";

export const HELM_RELEASE_API = "helm.toolkit.fluxcd.io/v2";
export const SOURCE_API = "source.toolkit.fluxcd.io/v1";
export const KUSTOMIZATION_API = "kustomize.toolkit.fluxcd.io/v1";

/** The media type of a Helm chart layer in an OCI artifact. */
export const HELM_CHART_LAYER =
  "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

/** Key of the values file inside a values ConfigMap. */
export const VALUES_KEY = "values.yaml";

/**
 * Label that makes helm-controller reconcile a HelmRelease again when a
 * ConfigMap or Secret in its `valuesFrom` changes.
 */
export const WATCH_LABEL = { "reconcile.fluxcd.io/watch": "Enabled" } as const;

/** Pod Security Admission levels. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

function metadata(
  name: string,
  namespace?: string,
  labels: Record<string, string> = {},
): JsonObject {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    labels: { ...MANAGED_BY_LABELS, ...labels },
  };
}

/** Builds a Namespace with Pod Security Admission labels. */
export function namespace(name: string, level: PodSecurityLevel): JsonObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: metadata(name, undefined, {
      "pod-security.kubernetes.io/enforce": level,
      "pod-security.kubernetes.io/audit": level,
      "pod-security.kubernetes.io/warn": level,
    }),
  };
}

/** An OCIRepository that pulls one Helm chart version. */
export function ociRepository(options: {
  name: string;
  namespace: string;
  url: string;
  tag: string;
  interval: string;
}): JsonObject {
  return {
    apiVersion: SOURCE_API,
    kind: "OCIRepository",
    metadata: metadata(options.name, options.namespace),
    spec: {
      interval: options.interval,
      url: options.url,
      ref: { tag: options.tag },
      layerSelector: { mediaType: HELM_CHART_LAYER, operation: "copy" },
    },
  };
}

/** Builds a HelmRepository for a classic HTTP(S) chart repository. */
export function helmRepository(options: {
  name: string;
  namespace: string;
  url: string;
  interval: string;
}): JsonObject {
  return {
    apiVersion: SOURCE_API,
    kind: "HelmRepository",
    metadata: metadata(options.name, options.namespace),
    spec: { interval: options.interval, url: options.url },
  };
}

/** Builds a ConfigMap whose `values.yaml` key a HelmRelease reads values from. */
export function valuesConfigMap(options: {
  name: string;
  namespace: string;
  values: JsonObject;
}): JsonObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: metadata(options.name, options.namespace, WATCH_LABEL),
    data: { [VALUES_KEY]: toYaml(options.values) },
  };
}

/** Chart source of a HelmRelease: a HelmRepository or an OCIRepository. */
export type ChartSource =
  | {
      kind: "HelmRepository";
      name: string;
      namespace: string;
      chart: string;
      version: string;
    }
  | { kind: "OCIRepository"; name: string; namespace: string };

/** Builds a HelmRelease whose values all come from ConfigMaps and Secrets. */
export function helmRelease(options: {
  name: string;
  namespace: string;
  interval: string;
  source: ChartSource;
  valuesFrom: { kind: "ConfigMap" | "Secret"; name: string }[];
  dependsOn?: { name: string; namespace?: string }[];
  releaseName?: string;
  timeout?: string;
  extraSpec?: JsonObject;
}): JsonObject {
  const { source } = options;
  const chart: JsonObject =
    source.kind === "OCIRepository"
      ? {
          chartRef: {
            kind: "OCIRepository",
            name: source.name,
            namespace: source.namespace,
          },
        }
      : {
          chart: {
            spec: {
              chart: source.chart,
              version: source.version,
              sourceRef: {
                kind: "HelmRepository",
                name: source.name,
                namespace: source.namespace,
              },
            },
          },
        };

  const spec: { [key: string]: JsonValue } = {
    interval: options.interval,
    ...(options.releaseName ? { releaseName: options.releaseName } : {}),
    ...chart,
    ...(options.timeout ? { timeout: options.timeout } : {}),
    install: { remediation: { retries: 3 } },
    upgrade: { remediation: { retries: 3 }, cleanupOnFail: true },
    ...(options.dependsOn?.length ? { dependsOn: options.dependsOn } : {}),
    valuesFrom: options.valuesFrom.map((ref) => ({
      kind: ref.kind,
      name: ref.name,
      valuesKey: VALUES_KEY,
    })),
    ...options.extraSpec,
  };

  return {
    apiVersion: HELM_RELEASE_API,
    kind: "HelmRelease",
    metadata: metadata(options.name, options.namespace),
    spec,
  };
}

/** Builds a Flux Kustomization that applies one folder of the tree. */
export function fluxKustomization(options: {
  name: string;
  namespace: string;
  path: string;
  interval: string;
  sourceName: string;
  dependsOn?: string[];
  decryptionSecret?: string;
  wait?: boolean;
}): JsonObject {
  const spec: { [key: string]: JsonValue } = {
    interval: options.interval,
    retryInterval: "1m",
    timeout: "5m",
    path: options.path,
    prune: true,
    wait: options.wait ?? true,
    sourceRef: { kind: "GitRepository", name: options.sourceName },
  };
  if (options.dependsOn?.length) {
    spec.dependsOn = options.dependsOn.map((name) => ({ name }));
  }
  if (options.decryptionSecret) {
    spec.decryption = {
      provider: "sops",
      secretRef: { name: options.decryptionSecret },
    };
  }
  return {
    apiVersion: KUSTOMIZATION_API,
    kind: "Kustomization",
    metadata: metadata(options.name, options.namespace),
    spec,
  };
}
