/**
 * The chart sources that generators may use. A generator that installs a
 * chart returns the source's manifest along with its HelmRelease. When
 * several generators return the same source, the skeleton keeps one copy.
 */
import type { ResolvedStack } from "../config/resolve.js";
import type { Manifest } from "../generators/types.js";
import {
  type ChartSource,
  helmRepository,
  ociRepository,
} from "./resources.js";

/** Folder of the tree that contains every chart source. */
export const SOURCES_DIR = "infrastructure/sources";

/** The ESS `matrix-stack` chart, published only as an OCI artifact. */
export const ESS_CHART_URL = "oci://ghcr.io/element-hq/ess-helm/matrix-stack";

/** Name of the OCIRepository of the ESS chart. */
export const ESS_SOURCE_NAME = "matrix-stack";

/** The HTTPS Helm repositories, by the HelmRepository name they get. */
export const HELM_REPOSITORIES = {
  authentik: "https://charts.goauthentik.io",
  "cloudnative-pg": "https://cloudnative-pg.github.io/charts",
  grafana: "https://grafana.github.io/helm-charts",
  "prometheus-community": "https://prometheus-community.github.io/helm-charts",
} as const;

/** Name of one of the HTTPS Helm repositories. */
export type HelmRepositoryName = keyof typeof HELM_REPOSITORIES;

/** A chart source: its manifest and the reference a HelmRelease uses. */
export interface DeclaredSource {
  manifest: Manifest;
  ref: ChartSource;
}

/** Declares the OCIRepository of the ESS chart at the configured version. */
export function essChartSource(stack: ResolvedStack): DeclaredSource {
  const namespace = stack.flux.namespace;
  const document = ociRepository({
    name: ESS_SOURCE_NAME,
    namespace,
    url: ESS_CHART_URL,
    tag: stack.ess.chartVersion,
    interval: stack.flux.sourceInterval,
  });

  return {
    manifest: { path: `${SOURCES_DIR}/${ESS_SOURCE_NAME}.yaml`, document },
    ref: { kind: "OCIRepository", name: ESS_SOURCE_NAME, namespace },
  };
}

/** Declares a HelmRepository and the chart version read from it. */
export function helmChartSource(
  stack: ResolvedStack,
  repository: HelmRepositoryName,
  chart: string,
  version: string,
): DeclaredSource {
  const namespace = stack.flux.namespace;
  const document = helmRepository({
    name: repository,
    namespace,
    url: HELM_REPOSITORIES[repository],
    interval: stack.flux.sourceInterval,
  });

  return {
    manifest: { path: `${SOURCES_DIR}/${repository}.yaml`, document },
    ref: {
      kind: "HelmRepository",
      name: repository,
      namespace,
      chart,
      version,
    },
  };
}
