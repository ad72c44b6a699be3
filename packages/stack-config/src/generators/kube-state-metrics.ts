/**
 * kube-state-metrics: metrics about Kubernetes objects (Deployments, pods,
 * PersistentVolumeClaims, ...), scraped by Alloy.
 */
import type { KubeStateMetricsValues } from "@axion-stack/values-schemas";

/** Builds the values of the `kube-state-metrics` release. */
export function kubeStateMetricsValues(): KubeStateMetricsValues {
  // The chart's defaults already meet Pod Security `restricted`. They are
  // stated here so that a change of defaults cannot loosen them.
  return {
    replicas: 1,
    securityContext: {
      enabled: true,
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      fsGroup: 65534,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containerSecurityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
  };
}
