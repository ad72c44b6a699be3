/**
 * The Prometheus node exporter: CPU, memory, disk and network metrics of
 * each node. It needs the host's network, process namespace and root
 * filesystem, so it runs in its own namespace with Pod Security
 * `privileged`, while the container itself runs as `nobody` with no
 * capabilities.
 */
import type { NodeExporterValues } from "@axion-stack/values-schemas";

/** The `nobody` user the node exporter runs as. */
const NOBODY = 65534;

// NOTE: On the host network the exporter listens on port 9100 of every node
// address, the public one included, so the node's firewall must close it.
/** Builds the values of the `prometheus-node-exporter` release. */
export function nodeExporterValues(): NodeExporterValues {
  return {
    hostNetwork: true,
    hostPID: true,
    hostRootFsMount: { enabled: true, mountPropagation: "HostToContainer" },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: NOBODY,
      runAsGroup: NOBODY,
      fsGroup: NOBODY,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containerSecurityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
  };
}
