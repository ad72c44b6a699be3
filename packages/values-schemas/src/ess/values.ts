/**
 * The values axion-stack emits for each supported `matrix-stack` chart
 * version, merged from every values ConfigMap of the ESS HelmRelease.
 * The chart's own schema rejects unknown keys, so a key of one version
 * must not appear in the other's values.
 */
import type {
  CertManagerValues,
  GlobalIngress,
  GlobalStorage,
} from "./common.js";
import type {
  ElementAdminSection,
  ElementWebSection,
  MatrixAuthenticationServiceSection,
  PostgresSection,
  SynapseSection,
  WellKnownDelegationSection,
} from "./components.js";
import type {
  MatrixRTCSectionV26_4_0,
  MatrixRTCSectionV26_8_1,
} from "./matrix-rtc.js";

interface MatrixStackValuesBase {
  /** The Matrix server name; it cannot change after the first install. */
  serverName: string;
  ingress?: GlobalIngress;
  certManager?: CertManagerValues;
  storage?: GlobalStorage;
  postgres?: PostgresSection;
  synapse?: SynapseSection;
  matrixAuthenticationService?: MatrixAuthenticationServiceSection;
  elementWeb?: ElementWebSection;
  elementAdmin?: ElementAdminSection;
  wellKnownDelegation?: WellKnownDelegationSection;
}

/** Values of `matrix-stack` 26.4.0. */
export interface MatrixStackValuesV26_4_0 extends MatrixStackValuesBase {
  matrixRTC?: MatrixRTCSectionV26_4_0;
}

/** Values of `matrix-stack` 26.8.1. */
export interface MatrixStackValuesV26_8_1 extends MatrixStackValuesBase {
  matrixRTC?: MatrixRTCSectionV26_8_1;
}

/** Values of any supported `matrix-stack` version. */
export type MatrixStackValues =
  MatrixStackValuesV26_4_0 | MatrixStackValuesV26_8_1;
