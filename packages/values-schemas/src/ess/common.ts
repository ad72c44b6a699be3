/**
 * Value types that every supported `matrix-stack` chart version shares.
 * Each type lists only the keys axion-stack emits, so the generated JSON
 * Schema rejects a misspelled key before Helm does.
 */

/**
 * A credential read from an existing Secret. The chart also accepts an
 * inline `value`, which this type leaves out on purpose: no credential may
 * sit in a values ConfigMap.
 */
export interface SecretKeyRef {
  /** Name of the Secret in the release's namespace. */
  secret: string;
  /** Key inside the Secret. */
  secretKey: string;
}

/** An Ingress of one component; the class and issuer come from `global`. */
export interface ComponentIngress {
  /** Public hostname. The chart fails without it for an enabled component. */
  host: string;
}

/** Ingress settings shared by every component's Ingress. */
export interface GlobalIngress {
  /** IngressClass of every Ingress, such as `traefik` on K3S. */
  className: string;
}

/** cert-manager issuer that the chart names in each Ingress's annotations. */
export interface CertManagerValues {
  clusterIssuer: string;
}

/** Storage settings shared by every PersistentVolumeClaim of the chart. */
export interface GlobalStorage {
  storageClassName?: string;
}

/** A config fragment given inline, as YAML text. */
export interface InlineConfigFragment {
  /** The fragment, a YAML document serialised from typed data. */
  config: string;
}

/** A config fragment read from a Secret key that the chart mounts. */
export interface SecretConfigFragment {
  configSecret: string;
  configSecretKey: string;
}

/**
 * One entry of `<component>.additional`. matrix-tools merges the entries in
 * the alphabetical order of their names, after the chart's defaults and
 * before the keys the chart owns.
 */
export type ConfigFragment = InlineConfigFragment | SecretConfigFragment;

/**
 * Config fragments by name. An index signature, not `Record`, because with
 * `noExtraProps` typescript-json-schema 0.68 turns a `Record` into an
 * object that allows no key at all.
 */
export interface ConfigFragments {
  [name: string]: ConfigFragment;
}

/** `config.json` fragments by name, each a JSON object as text. */
export interface JsonFragments {
  [name: string]: string;
}

/** One key of a Secret projected into a volume as a file. */
export interface KeyToPath {
  key: string;
  path: string;
}

/** A Secret volume added to a component's pods. */
export interface ExtraSecretVolume {
  name: string;
  secret: {
    secretName: string;
    items: KeyToPath[];
    /**
     * File mode of the projected files, as a decimal number.
     * @TJS-type integer
     */
    defaultMode?: number;
  };
}

/**
 * A ConfigMap volume added to a component's pods. The chart's schema
 * accepts any volume with a `name`, and this type lists only the keys
 * that axion-stack sets.
 */
export interface ExtraConfigMapVolume {
  name: string;
  configMap: {
    /** Name of the ConfigMap in the release's namespace. */
    name: string;
  };
}

/** Mount point of an extra volume in a component's containers. */
export interface ExtraVolumeMount {
  name: string;
  mountPath: string;
  /** File or folder of the volume to mount. Unset mounts the whole volume. */
  subPath?: string;
  readOnly: boolean;
}

/** Switches a component off; the chart enables most components by default. */
export interface DisabledComponent {
  enabled: false;
}
