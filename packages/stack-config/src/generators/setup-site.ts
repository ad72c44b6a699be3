/**
 * The desktop-setup site: nginx serving the files that `apps/setup-site`
 * built, under `setupSite.path` on the Element Web host. The built files
 * arrive as the `setupSite` build artifact; this generator reads no files.
 */
import { createHash } from "node:crypto";
import type { ResolvedStack } from "../config/resolve.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";
import { namespaceManifest } from "../flux/namespaces.js";
import { GeneratorConfigError } from "./errors.js";
import { setupSiteNginxConf } from "./setup-site-nginx.js";
import type { BuildOutput, Generator, JsonObject, Manifest } from "./types.js";

/** Folder of the site's manifests in the tree. */
export const SETUP_SITE_DIR = "apps/setup-site";

/** The site's build output, relative to the repository root. */
export const SETUP_SITE_DIST = "apps/setup-site/dist";

const NAME = "setup-site";
const HTTP_PORT = 8080;
/** UID and GID of the nginx user in the nginx-unprivileged images. */
const NGINX_UID = 101;
const HTML_ROOT = "/usr/share/nginx/html";
const SITE_MANIFEST_FILE = "setup-site.json";

/**
 * Largest total size of the files in the site's ConfigMap. The API server
 * rejects objects over 1 MiB, and 16 KiB is left for the metadata.
 */
export const MAX_SITE_BYTES = 1024 * 1024 - 16 * 1024;

const LABELS = { ...MANAGED_BY_LABELS, "app.kubernetes.io/name": NAME };
const SELECTOR = { "app.kubernetes.io/name": NAME };

/** Turns a file path into a ConfigMap key: `assets/a.js` is `assets_a.js`. */
function configMapKey(path: string): string {
  return path.replaceAll("/", "_");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function metadata(stack: ResolvedStack, name: string): JsonObject {
  return { name, namespace: stack.ess.namespace, labels: LABELS };
}

/**
 * Returns the settings that the site's pages and scripts are built from.
 * The build records their SHA-256 in `setup-site.json`.
 */
export function setupSiteSettings(stack: ResolvedStack): JsonObject {
  const { setupSite } = stack;
  return {
    serverName: stack.serverName,
    brand: stack.brand,
    homeserverUrl: stack.urls.synapse,
    url: setupSite.url,
    defaultTheme: setupSite.defaultTheme,
    elementDesktop: {
      downloadBaseUrl: setupSite.elementDesktop.downloadBaseUrl,
      flatpakAppId: setupSite.elementDesktop.flatpakAppId,
      version: setupSite.elementDesktop.version ?? null,
      windowsSigner: setupSite.elementDesktop.windowsSigner,
    },
  };
}

/** Returns the SHA-256 of `setupSiteSettings`, as `setup-site.json` has it. */
export function setupSiteSettingsSha256(stack: ResolvedStack): string {
  return sha256(JSON.stringify(setupSiteSettings(stack)));
}

/** Config path of each setting that `setup-site.json` records. */
const SITE_SETTING_PATHS: Record<string, string> = {
  serverName: "serverName",
  homeserverUrl: "hosts.synapse",
  path: "setupSite.path",
  defaultTheme: "setupSite.defaultTheme",
  settingsSha256: "setupSite",
};

/**
 * Checks that the built site belongs to this stack: `setup-site.json`
 * records the server, homeserver, path and theme it was built for, and
 * the SHA-256 of every setting its pages and scripts use.
 */
function assertSiteMatches(stack: ResolvedStack, files: BuildOutput): void {
  const rebuild =
    "rebuild it for this config with AXION_STACK_CONFIG=<config file> " +
    "pnpm --filter @axion-stack/setup-site build";
  const text = files[SITE_MANIFEST_FILE];
  if (text === undefined) {
    throw new Error(
      `setupSite: the built site has no ${SITE_MANIFEST_FILE}; ${rebuild}`,
    );
  }

  const built = JSON.parse(text) as Record<string, unknown>;
  const expected: Record<string, string> = {
    serverName: stack.serverName,
    homeserverUrl: stack.urls.synapse,
    path: stack.setupSite.path,
    defaultTheme: stack.setupSite.defaultTheme,
    settingsSha256: setupSiteSettingsSha256(stack),
  };
  for (const [key, value] of Object.entries(expected)) {
    if (built[key] !== value) {
      throw new GeneratorConfigError({
        path: SITE_SETTING_PATHS[key] ?? "setupSite",
        value,
        message:
          `differs from the built setup site, which has ${key} ` +
          JSON.stringify(built[key]),
        allowed: "the settings that the setup site was built with",
        fix: `${rebuild}, or set setupSite.enabled to false`,
      });
    }
  }
}

/** Maps file paths to ConfigMap keys and checks keys and total size. */
function siteFileKeys(files: BuildOutput): Map<string, string> {
  const keys = new Map<string, string>();
  let bytes = 0;
  for (const path of Object.keys(files).sort()) {
    const key = configMapKey(path);
    if (!/^[-._a-zA-Z0-9]+$/.test(key) || keys.has(key)) {
      throw new Error(
        `setupSite: built file "${path}" cannot be a ConfigMap key: use ` +
          "letters, digits, '-', '_' and '.', unique after '/' becomes '_'",
      );
    }
    keys.set(key, path);
    bytes += Buffer.byteLength(key) + Buffer.byteLength(files[path] ?? "");
  }

  if (bytes > MAX_SITE_BYTES) {
    throw new Error(
      `setupSite: the built site has ${bytes} bytes, over the ConfigMap ` +
        `limit of ${MAX_SITE_BYTES}; make the site smaller`,
    );
  }
  return keys;
}

function filesConfigMap(
  stack: ResolvedStack,
  files: BuildOutput,
  keys: Map<string, string>,
): JsonObject {
  const data: JsonObject = {};
  for (const [key, path] of keys) {
    data[key] = files[path] ?? "";
  }
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: metadata(stack, `${NAME}-files`),
    data,
  };
}

function nginxConfigMap(stack: ResolvedStack): JsonObject {
  const conf = setupSiteNginxConf({
    listen: String(HTTP_PORT),
    root: HTML_ROOT,
    path: stack.setupSite.path,
    tempDir: "/tmp",
  });
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: metadata(stack, `${NAME}-nginx`),
    data: { "nginx.conf": conf },
  };
}

const CONTAINER_SECURITY: JsonObject = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

function nginxContainer(stack: ResolvedStack): JsonObject {
  const probe = { httpGet: { path: "/healthz", port: "http" } };
  return {
    name: "nginx",
    image: stack.setupSite.image,
    // Skips the image's entrypoint, whose scripts try to edit files under
    // /etc/nginx and fail on the read-only root filesystem.
    command: ["nginx", "-g", "daemon off;"],
    ports: [{ name: "http", containerPort: HTTP_PORT, protocol: "TCP" }],
    securityContext: CONTAINER_SECURITY,
    resources: {
      requests: { cpu: "10m", memory: "16Mi" },
      limits: { memory: "64Mi" },
    },
    readinessProbe: probe,
    livenessProbe: { ...probe, periodSeconds: 30 },
    volumeMounts: [
      {
        name: "site",
        mountPath: `${HTML_ROOT}${stack.setupSite.path.replace(/\/$/, "")}`,
        readOnly: true,
      },
      {
        name: "nginx-conf",
        mountPath: "/etc/nginx/nginx.conf",
        subPath: "nginx.conf",
        readOnly: true,
      },
      { name: "tmp", mountPath: "/tmp" },
      { name: "cache", mountPath: "/var/cache/nginx" },
    ],
  };
}

function deployment(
  stack: ResolvedStack,
  keys: Map<string, string>,
  contentHash: string,
): JsonObject {
  const items = [...keys].map(([key, path]) => ({ key, path }));
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(stack, NAME),
    spec: {
      replicas: 1,
      selector: { matchLabels: SELECTOR },
      template: {
        metadata: {
          labels: LABELS,
          // A new hash rolls the pods, because subPath mounts never update.
          annotations: { "axion-stack.dev/content-sha256": contentHash },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NGINX_UID,
            runAsGroup: NGINX_UID,
            fsGroup: NGINX_UID,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [nginxContainer(stack)],
          volumes: [
            { name: "site", configMap: { name: `${NAME}-files`, items } },
            { name: "nginx-conf", configMap: { name: `${NAME}-nginx` } },
            { name: "tmp", emptyDir: { sizeLimit: "16Mi" } },
            { name: "cache", emptyDir: { sizeLimit: "16Mi" } },
          ],
        },
      },
    },
  };
}

function service(stack: ResolvedStack): JsonObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(stack, NAME),
    spec: {
      type: "ClusterIP",
      selector: SELECTOR,
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
    },
  };
}

/**
 * Routes the site's path prefix on the Element Web host. Traefik orders the routers
 * of one host by rule length unless a priority is set, so this longer
 * path prefix wins over Element Web's `/` without a Middleware. nginx
 * serves the files under the same prefix, so nothing is stripped.
 */
function ingress(stack: ResolvedStack): JsonObject {
  const host = stack.hosts.elementWeb;
  const backend = { service: { name: NAME, port: { name: "http" } } };
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      ...metadata(stack, NAME),
      annotations: {
        "cert-manager.io/cluster-issuer": stack.cluster.clusterIssuer,
      },
    },
    spec: {
      ingressClassName: stack.cluster.ingressClassName,
      tls: [{ hosts: [host], secretName: `${NAME}-tls` }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: stack.setupSite.path.replace(/\/$/, ""),
                pathType: "Prefix",
                backend,
              },
            ],
          },
        },
      ],
    },
  };
}

/**
 * Renders the site's manifests. Returns none without build artifacts, as
 * `Generator` documents. Throws when the site is enabled but its build is
 * missing from the artifacts, was built for another config, or is too
 * large.
 */
export const generateSetupSite: Generator = (stack, artifacts) => {
  if (!stack.setupSite.enabled) {
    return [];
  }
  if (artifacts === undefined) {
    return [];
  }
  const files = artifacts.setupSite;
  if (!files) {
    throw new Error(
      "setupSite.enabled is true but the built site was not passed in: run " +
        "`pnpm --filter @axion-stack/setup-site build` before generating, " +
        "or set setupSite.enabled to false",
    );
  }
  assertSiteMatches(stack, files);

  const keys = siteFileKeys(files);
  const filesMap = filesConfigMap(stack, files, keys);
  const nginxMap = nginxConfigMap(stack);
  const contentHash = sha256(JSON.stringify([filesMap.data, nginxMap.data]));

  const manifests: Manifest[] = [
    namespaceManifest(stack.ess.namespace, "restricted"),
    { path: `${SETUP_SITE_DIR}/configmap-files.yaml`, document: filesMap },
    { path: `${SETUP_SITE_DIR}/configmap-nginx.yaml`, document: nginxMap },
    {
      path: `${SETUP_SITE_DIR}/deployment.yaml`,
      document: deployment(stack, keys, contentHash),
    },
    { path: `${SETUP_SITE_DIR}/service.yaml`, document: service(stack) },
    { path: `${SETUP_SITE_DIR}/ingress.yaml`, document: ingress(stack) },
  ];
  return manifests;
};
