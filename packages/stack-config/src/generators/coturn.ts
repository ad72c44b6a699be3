/**
 * coturn, the TURN server Synapse hands out for legacy 1:1 calls. No chart
 * exists, so this renders the Deployment, its `turnserver.conf` ConfigMap
 * and the cert-manager Certificate of the TLS listener.
 *
 * coturn relays media on a port range of the node, so it runs on the host
 * network in its own namespace, the only one with Pod Security
 * `privileged`. The container itself runs as restricted as it can: non-root,
 * no capability but NET_BIND_SERVICE, read-only root filesystem, seccomp
 * RuntimeDefault.
 */
import { createHash } from "node:crypto";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IContainerPort } from "kubernetes-models/v1/ContainerPort";
import { HOST_ACCESS_NAMESPACES } from "../config/defaults.js";
import type { ResolvedStack } from "../config/resolve.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";
import { namespaceManifest } from "../flux/namespaces.js";
import {
  renderTurnServerConf,
  TURN_RUN_DIR,
  TURN_TLS_DIR,
  TURNSERVER_CONF_DIR,
} from "./coturn-config.js";
import { secretEnv } from "./secret-refs.js";
import type { Generator, JsonObject } from "./types.js";

/** Folder of coturn's manifests in the tree. */
export const COTURN_DIR = "apps/coturn";

/** Name of the Deployment, ConfigMap and Certificate. */
export const COTURN_NAME = "coturn";

/** Secret that cert-manager writes the TLS certificate into. */
export const COTURN_TLS_SECRET = "coturn-tls";

/** Pod annotation with the SHA-256 of `turnserver.conf`. */
export const CONFIG_HASH_ANNOTATION = "axion-stack/turnserver-conf-sha256";

/** `nobody`, the user the coturn/coturn image runs as. */
const NOBODY = 65534;

const SELECTOR = { "app.kubernetes.io/name": COTURN_NAME };

function metadata(namespace: string, name = COTURN_NAME) {
  return { name, namespace, labels: { ...MANAGED_BY_LABELS, ...SELECTOR } };
}

function configHash(stack: ResolvedStack): string {
  return createHash("sha256").update(renderTurnServerConf(stack)).digest("hex");
}

function listenerPorts(stack: ResolvedStack): IContainerPort[] {
  const { port, tlsPort } = stack.coturn;
  return [
    { name: "turn-udp", containerPort: port, protocol: "UDP" },
    { name: "turn-tcp", containerPort: port, protocol: "TCP" },
    { name: "turns-tcp", containerPort: tlsPort, protocol: "TCP" },
    { name: "turns-udp", containerPort: tlsPort, protocol: "UDP" },
  ];
}

function coturnContainer(stack: ResolvedStack, namespace: string): IContainer {
  const secret = secretEnv(
    stack,
    namespace,
    "TURN_SHARED_SECRET",
    "turnSharedSecret",
    "shared-secret",
  );
  return {
    name: COTURN_NAME,
    image: stack.coturn.image,
    command: ["turnserver"],
    // Kubernetes expands $(TURN_SHARED_SECRET) from the container's env.
    args: [
      "-c",
      `${TURNSERVER_CONF_DIR}/turnserver.conf`,
      "--static-auth-secret=$(TURN_SHARED_SECRET)",
    ],
    env: [secret],
    ports: listenerPorts(stack),
    livenessProbe: {
      tcpSocket: { port: stack.coturn.port },
      periodSeconds: 20,
    },
    readinessProbe: {
      tcpSocket: { port: stack.coturn.port },
      periodSeconds: 10,
    },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      // The image gives /usr/bin/turnserver the file capability
      // NET_BIND_SERVICE, and the kernel refuses to execute such a file
      // when the capability is missing from the bounding set.
      capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
    volumeMounts: [
      { name: "config", mountPath: TURNSERVER_CONF_DIR, readOnly: true },
      { name: "tls", mountPath: TURN_TLS_DIR, readOnly: true },
      { name: "run", mountPath: TURN_RUN_DIR },
      { name: "db", mountPath: "/var/lib/coturn" },
    ],
  };
}

/** Builds coturn's Deployment: one pod on the host network. */
export function coturnDeployment(stack: ResolvedStack): IDeployment {
  const namespace = HOST_ACCESS_NAMESPACES.coturn;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(namespace),
    spec: {
      replicas: 1,
      // The host ports are taken until the old pod stops, so a rolling
      // update could never start the new one.
      strategy: { type: "Recreate" },
      selector: { matchLabels: SELECTOR },
      template: {
        metadata: {
          labels: { ...MANAGED_BY_LABELS, ...SELECTOR },
          // coturn reads its config only at start, so a changed config
          // changes this hash and makes the Deployment replace the pod.
          annotations: { [CONFIG_HASH_ANNOTATION]: configHash(stack) },
        },
        spec: {
          hostNetwork: true,
          dnsPolicy: "ClusterFirstWithHostNet",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NOBODY,
            runAsGroup: NOBODY,
            fsGroup: NOBODY,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [coturnContainer(stack, namespace)],
          volumes: [
            { name: "config", configMap: { name: COTURN_NAME } },
            {
              name: "tls",
              secret: { secretName: COTURN_TLS_SECRET, defaultMode: 0o440 },
            },
            { name: "run", emptyDir: {} },
            { name: "db", emptyDir: {} },
          ],
        },
      },
    },
  };
}

/** Builds the ConfigMap that contains `turnserver.conf`. */
export function coturnConfigMap(stack: ResolvedStack): IConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: metadata(HOST_ACCESS_NAMESPACES.coturn),
    data: { "turnserver.conf": renderTurnServerConf(stack) },
  };
}

// NOTE: coturn may keep serving the old certificate after cert-manager
// renews it, until the pod restarts. Renewal has not been tested.
/** Builds the cert-manager Certificate for TURN over TLS on `hosts.turn`. */
export function coturnCertificate(stack: ResolvedStack): JsonObject {
  return {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: metadata(HOST_ACCESS_NAMESPACES.coturn),
    spec: {
      secretName: COTURN_TLS_SECRET,
      dnsNames: [stack.hosts.turn],
      issuerRef: { kind: "ClusterIssuer", name: stack.cluster.clusterIssuer },
      privateKey: { rotationPolicy: "Always" },
    },
  };
}

/**
 * Renders coturn: its privileged namespace, the ConfigMap, the Certificate
 * and the Deployment.
 */
export const generateCoturn: Generator = (stack) => {
  if (!stack.coturn.enabled) {
    return [];
  }
  const toJson = (object: object) => object as unknown as JsonObject;
  return [
    namespaceManifest(HOST_ACCESS_NAMESPACES.coturn, "privileged"),
    {
      path: `${COTURN_DIR}/configmap.yaml`,
      document: toJson(coturnConfigMap(stack)),
    },
    {
      path: `${COTURN_DIR}/certificate.yaml`,
      document: coturnCertificate(stack),
    },
    {
      path: `${COTURN_DIR}/deployment.yaml`,
      document: toJson(coturnDeployment(stack)),
    },
  ];
};
