/**
 * The parts of the Kubernetes Pod API that our Helm values and our own
 * workloads set. Each type lists only the fields we emit, so the generated
 * JSON Schema rejects a misspelled field.
 */

/** A seccomp profile. Pod Security `restricted` requires `RuntimeDefault`. */
export interface SeccompProfile {
  type: "RuntimeDefault" | "Localhost" | "Unconfined";
}

/** Pod-level security settings. */
export interface PodSecurityContext {
  runAsNonRoot?: boolean;
  /** @TJS-type integer */
  runAsUser?: number;
  /** @TJS-type integer */
  runAsGroup?: number;
  /** @TJS-type integer */
  fsGroup?: number;
  seccompProfile?: SeccompProfile;
}

/** Linux capabilities added to or dropped from a container. */
export interface Capabilities {
  add?: string[];
  drop?: string[];
}

/** Container-level security settings. */
export interface ContainerSecurityContext {
  runAsNonRoot?: boolean;
  /** @TJS-type integer */
  runAsUser?: number;
  /** @TJS-type integer */
  runAsGroup?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  privileged?: boolean;
  capabilities?: Capabilities;
  seccompProfile?: SeccompProfile;
}

/** A reference to one key of a Secret. */
export interface SecretKeySelector {
  name: string;
  key: string;
}

/** An environment variable with a literal value. */
export interface EnvVarValue {
  name: string;
  value: string;
}

/** An environment variable read from a Secret key. */
export interface EnvVarFromSecret {
  name: string;
  valueFrom: { secretKeyRef: SecretKeySelector };
}

/** An environment variable of a container. */
export type EnvVar = EnvVarValue | EnvVarFromSecret;

/** An `emptyDir` volume. */
export interface EmptyDirVolume {
  name: string;
  emptyDir: { medium?: "Memory"; sizeLimit?: string };
}

/** A volume holding the keys of a ConfigMap. */
export interface ConfigMapVolume {
  name: string;
  configMap: { name: string };
}

/** A volume holding the keys of a Secret. */
export interface SecretVolume {
  name: string;
  secret: { secretName: string };
}

/** A volume of a Pod. */
export type Volume = EmptyDirVolume | ConfigMapVolume | SecretVolume;

/** A volume mounted into a container. */
export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

// An index signature, not `Record`, because typescript-json-schema drops a
// `Record`'s value type when extra properties are forbidden.
/** Labels or annotations. */
export interface StringMap {
  [key: string]: string;
}
