/**
 * Grafana Alloy: one Deployment replica that scrapes metrics, tails pod
 * logs through the Kubernetes API and ships both to the configured
 * Prometheus and Loki. No hostPath is mounted, so it runs under Pod
 * Security `restricted`.
 */
import type { AlloyValues } from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { renderAlloyConfig } from "./alloy-config.js";
import { escapeHelmTemplate } from "./alloy-syntax.js";

/** Helm release name of Alloy. */
export const ALLOY_RELEASE = "alloy";

/** The `alloy` user of the grafana/alloy image (UID and GID 473). */
const ALLOY_UID = 473;

/** Alloy's write-ahead log and component state, on an emptyDir. */
const STORAGE_PATH = "/tmp/alloy";

/** Builds the values of the `alloy` release. */
export function alloyValues(stack: ResolvedStack): AlloyValues {
  return {
    global: {
      podSecurityContext: {
        runAsNonRoot: true,
        fsGroup: ALLOY_UID,
        seccompProfile: { type: "RuntimeDefault" },
      },
    },
    crds: { create: false },
    alloy: {
      configMap: {
        create: true,
        content: escapeHelmTemplate(renderAlloyConfig(stack)),
      },
      enableReporting: stack.privacy.alloyUsageReporting,
      storagePath: STORAGE_PATH,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: ALLOY_UID,
        runAsGroup: ALLOY_UID,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
      mounts: {
        varlog: false,
        dockercontainers: false,
        extra: [{ name: "storage", mountPath: STORAGE_PATH }],
      },
    },
    controller: {
      type: "deployment",
      replicas: 1,
      volumes: { extra: [{ name: "storage", emptyDir: {} }] },
    },
  };
}
