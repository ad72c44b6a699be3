/**
 * The values axion-stack sets on the `authentik` chart 2026.8.0
 * (https://charts.goauthentik.io). The chart has no values schema of its
 * own, so this type is the strict list of keys we emit. The contract test
 * checks each key path against the chart's `values.yaml`.
 */
import type {
  ContainerSecurityContext,
  EnvVar,
  PodSecurityContext,
  StringMap,
  Volume,
  VolumeMount,
} from "../kubernetes/pod.js";

/** Values of the `authentik` chart 2026.8.0. */
export interface AuthentikValues {
  global: AuthentikGlobalValues;
  authentik: AuthentikConfigValues;
  blueprints: AuthentikBlueprintsValues;
  server: AuthentikServerValues;
  worker: AuthentikWorkerValues;
  postgresql: AuthentikPostgresqlValues;
}

/** Settings the chart applies to the server and the worker alike. */
export interface AuthentikGlobalValues {
  /**
   * Environment of both Deployments. Secrets come in here as
   * `valueFrom.secretKeyRef`, never as values.
   */
  env: EnvVar[];
  /** Pod security context of both Deployments. */
  securityContext: PodSecurityContext;
  /** Writable scratch volumes, because the root filesystem is read-only. */
  volumes: Volume[];
  volumeMounts: VolumeMount[];
  affinity: {
    /** Anti-affinity preset. A single node gets `none`. */
    podAntiAffinity: "none" | "soft" | "hard";
  };
}

/**
 * Authentik's own settings. The chart turns them into `AUTHENTIK_*`
 * environment variables in a Secret it creates. Credentials are not set
 * here but through `global.env`.
 */
export interface AuthentikConfigValues {
  log_level: "debug" | "info" | "warning" | "error";
  error_reporting: {
    /** Send error reports and performance data to Authentik's Sentry. */
    enabled: boolean;
    /** Include personal data in error reports. */
    send_pii: boolean;
  };
}

/** Blueprint sources mounted into the worker, which applies them. */
export interface AuthentikBlueprintsValues {
  /** ConfigMap names; only keys ending in `.yaml` are applied. */
  configMaps: string[];
  /** Secret names; only keys ending in `.yaml` are applied. */
  secrets: string[];
}

/** A PodDisruptionBudget of the server or the worker. */
export interface AuthentikPdbValues {
  enabled: boolean;
  /**
   * A count such as `"1"` or a percentage such as `"50%"`. The chart writes
   * it unquoted, so a count becomes a number in the PodDisruptionBudget.
   * @pattern ^[0-9]+%?$
   */
  minAvailable?: string;
}

/** Settings both Deployments share. */
export interface AuthentikComponentValues {
  /**
   * @minimum 1
   * @TJS-type integer
   */
  replicas: number;
  pdb: AuthentikPdbValues;
  containerSecurityContext: ContainerSecurityContext;
}

/** The server Deployment: web UI, API and the embedded outpost. */
export interface AuthentikServerValues extends AuthentikComponentValues {
  ingress: AuthentikIngressValues;
}

/** The worker Deployment: background tasks and blueprints. */
export type AuthentikWorkerValues = AuthentikComponentValues;

/** The server's Ingress. */
export interface AuthentikIngressValues {
  enabled: boolean;
  ingressClassName: string;
  annotations: StringMap;
  hosts: string[];
  tls: { secretName: string; hosts: string[] }[];
  /** Route to the HTTPS service port. Off, because TLS ends at the ingress. */
  https: boolean;
}

/**
 * The Bitnami PostgreSQL subchart (18.8.11) that the chart bundles. Its
 * keys under `auth` and `primary.persistence` come from the subchart, not
 * from the authentik chart's own `values.yaml`.
 */
export interface AuthentikPostgresqlValues {
  enabled: boolean;
  auth: {
    /** Secret holding the passwords, so none is written into values. */
    existingSecret: string;
    secretKeys: {
      /** Key of the `postgres` superuser's password. */
      adminPasswordKey: string;
      /** Key of the `authentik` user's password. */
      userPasswordKey: string;
    };
  };
  primary: {
    persistence: {
      enabled: boolean;
      size: string;
      /** Unset uses the cluster's default StorageClass. */
      storageClass?: string;
    };
  };
}
