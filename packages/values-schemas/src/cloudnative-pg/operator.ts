/**
 * The values axion-stack sets on the CloudNativePG charts from
 * https://cloudnative-pg.github.io/charts: the operator (`cloudnative-pg`
 * 0.29.0, operator 1.30.0) and the barman-cloud plugin
 * (`plugin-barman-cloud` 0.7.0, plugin v0.13.0). Their upstream schemas
 * allow any key, so these types are the strict check.
 */
import type { ResourceRequirements } from "./cluster.js";

/** Values of the `cloudnative-pg` chart 0.29.0. */
export interface CloudNativePgValues {
  /** Install and upgrade the CRDs with the chart. */
  crds: { create: boolean };
  /**
   * @minimum 1
   * @TJS-type integer
   */
  replicaCount: number;
  /** Watch Clusters in every namespace. */
  config: { clusterWide: boolean };
  resources: ResourceRequirements;
}

/** Values of the `plugin-barman-cloud` chart 0.7.0. */
export interface BarmanCloudPluginValues {
  /** Install and upgrade the `ObjectStore` CRD with the chart. */
  crds: { create: boolean };
  /**
   * The mTLS certificates between the operator and the plugin. Chart
   * 0.7.0 signs them with a self-signed cert-manager `Issuer` that it
   * creates itself; its `certificate.issuerName` value is not read.
   */
  certificate: {
    createClientCertificate: boolean;
    createServerCertificate: boolean;
  };
  resources: ResourceRequirements;
}
