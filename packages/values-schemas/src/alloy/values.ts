/**
 * The values axion-stack sets on the Grafana `alloy` chart 1.11.1
 * (https://grafana.github.io/helm-charts, Alloy v1.18.1). The chart has no
 * values schema of its own, so the contract test checks each key path
 * against the chart's `values.yaml`.
 */
import type {
  ContainerSecurityContext,
  PodSecurityContext,
  Volume,
  VolumeMount,
} from "../kubernetes/pod.js";

/** Values of the `alloy` chart 1.11.1. */
export interface AlloyValues {
  global: {
    /** Pod security context of the Alloy pod. */
    podSecurityContext: PodSecurityContext;
  };
  /**
   * The PodLogs CRD. Off because pod logs come from `loki.source.kubernetes`,
   * which needs no custom resource.
   */
  crds: { create: boolean };
  alloy: AlloyAgentValues;
  controller: AlloyControllerValues;
}

/** The Alloy container and its configuration. */
export interface AlloyAgentValues {
  configMap: {
    create: boolean;
    /**
     * The Alloy configuration. The chart passes it through Helm's `tpl`, so
     * every `{{` in it must be escaped.
     */
    content: string;
  };
  /** Send anonymous usage statistics to Grafana Labs. */
  enableReporting: boolean;
  /** Directory of Alloy's write-ahead log and component state. */
  storagePath: string;
  securityContext: ContainerSecurityContext;
  mounts: {
    /** Mount the node's `/var/log`. Off, because it is a hostPath volume. */
    varlog: boolean;
    /** Mount Docker's container logs. Off, because it is a hostPath volume. */
    dockercontainers: boolean;
    extra: VolumeMount[];
  };
}

/** The workload that runs Alloy. */
export interface AlloyControllerValues {
  /**
   * One Deployment replica reads the whole cluster through the Kubernetes
   * API. A DaemonSet would tail every pod's logs once per node.
   */
  type: "deployment";
  /**
   * @minimum 1
   * @TJS-type integer
   */
  replicas: number;
  volumes: { extra: Volume[] };
}
