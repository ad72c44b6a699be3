/**
 * The values axion-stack sets on the `kube-state-metrics` chart 8.4.0
 * (https://prometheus-community.github.io/helm-charts, app 2.20.0). The
 * chart has no values schema of its own, so the contract test checks each
 * key path against the chart's `values.yaml`.
 */
import type {
  ContainerSecurityContext,
  PodSecurityContext,
} from "../kubernetes/pod.js";

/** Values of the `kube-state-metrics` chart 8.4.0. */
export interface KubeStateMetricsValues {
  /**
   * @minimum 1
   * @TJS-type integer
   */
  replicas: number;
  /** Pod security context, plus the chart's own `enabled` switch. */
  securityContext: PodSecurityContext & { enabled: boolean };
  containerSecurityContext: ContainerSecurityContext;
}
