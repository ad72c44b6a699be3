/**
 * The values axion-stack sets on the `prometheus-node-exporter` chart
 * 4.56.1 (https://prometheus-community.github.io/helm-charts, app 1.12.1).
 * The chart has no values schema of its own, so the contract test checks each
 * key path against the chart's `values.yaml`.
 */
import type {
  ContainerSecurityContext,
  PodSecurityContext,
} from "../kubernetes/pod.js";

/** Values of the `prometheus-node-exporter` chart 4.56.1. */
export interface NodeExporterValues {
  /** Share the node's network namespace, so metrics show the host's NICs. */
  hostNetwork: boolean;
  /** Share the node's process namespace. */
  hostPID: boolean;
  /** Mount the node's root filesystem read-only at `/host/root`. */
  hostRootFsMount: {
    enabled: boolean;
    mountPropagation: "HostToContainer" | "None";
  };
  /** Pod security context. */
  securityContext: PodSecurityContext;
  containerSecurityContext: ContainerSecurityContext;
}
