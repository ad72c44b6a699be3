/**
 * Values of the `matrix-stack` components whose shape is the same in every
 * supported chart version.
 */
import type {
  ComponentIngress,
  ConfigFragments,
  DisabledComponent,
  ExtraConfigMapVolume,
  ExtraSecretVolume,
  ExtraVolumeMount,
  JsonFragments,
  SecretKeyRef,
} from "./common.js";

/** Synapse's media store and upload limit. */
export interface SynapseMediaValues {
  /**
   * Largest upload. The chart accepts only whole KiB or MiB.
   * @pattern ^[0-9]+[MK]$
   */
  maxUploadSize: string;
  storage: {
    /** Size of the media PersistentVolumeClaim, a Kubernetes quantity. */
    size: string;
  };
}

/** Synapse, the homeserver. */
export interface SynapseValues {
  enabled: true;
  ingress: ComponentIngress;
  media: SynapseMediaValues;
  macaroon: SecretKeyRef;
  registrationSharedSecret: SecretKeyRef;
  /** Synapse's federation signing key, in Synapse's signing key format. */
  signingKey: SecretKeyRef;
  /** homeserver.yaml fragments, each a YAML document. */
  additional: ConfigFragments;
  extraVolumes: ExtraSecretVolume[];
  extraVolumeMounts: ExtraVolumeMount[];
  /** An external PostgreSQL; unset uses the embedded one. */
  postgres?: ExternalPostgres;
}

/** A database outside the chart, such as a CloudNativePG Cluster. */
export interface ExternalPostgres {
  host: string;
  /**
   * @minimum 0
   * @maximum 65535
   * @TJS-type integer
   */
  port: number;
  user: string;
  database: string;
  sslMode:
    "disable" | "allow" | "prefer" | "require" | "verify-ca" | "verify-full";
  password: SecretKeyRef;
}

/** The private keys MAS signs tokens with. */
export interface MasPrivateKeys {
  rsa: SecretKeyRef;
  ecdsaPrime256v1: SecretKeyRef;
}

/** Matrix Authentication Service. */
export interface MatrixAuthenticationServiceValues {
  enabled: true;
  ingress: ComponentIngress;
  /** Key MAS encrypts secrets in its database with: 32 bytes, hex. */
  encryptionSecret: SecretKeyRef;
  /** Secret MAS and Synapse authenticate each other with. */
  synapseSharedSecret: SecretKeyRef;
  privateKeys: MasPrivateKeys;
  /** MAS config fragments, each a YAML document. */
  additional: ConfigFragments;
  /** Secret volumes for files that fragments name, such as client secrets. */
  extraVolumes?: ExtraSecretVolume[];
  extraVolumeMounts?: ExtraVolumeMount[];
  /** An external PostgreSQL; unset uses the embedded one. */
  postgres?: ExternalPostgres;
}

/** Element Web. */
export interface ElementWebValues {
  enabled: true;
  ingress: ComponentIngress;
  /**
   * `config.json` fragments, each a JSON object as text. The chart merges
   * them over its own `config.json`, so these keys win.
   */
  additional: JsonFragments;
  /** ConfigMap volumes, such as the Element Call overlay's files. */
  extraVolumes?: ExtraConfigMapVolume[];
  extraVolumeMounts?: ExtraVolumeMount[];
}

/** Element Admin. It has no config of its own beyond its host. */
export interface ElementAdminValues {
  enabled: true;
  ingress: ComponentIngress;
}

/** Passwords of the databases in the embedded PostgreSQL. */
export interface PostgresPasswords {
  synapse?: SecretKeyRef;
  matrixAuthenticationService?: SecretKeyRef;
}

/** The embedded PostgreSQL that Synapse and MAS use. */
export interface PostgresValues {
  enabled: true;
  adminPassword: SecretKeyRef;
  essPasswords: PostgresPasswords;
}

/**
 * `/.well-known/matrix/*` on the server name. Each `additional` entry is a
 * JSON object as text; the chart's own keys overwrite the ones given here.
 */
export interface WellKnownAdditional {
  client?: string;
  server?: string;
  support?: string;
}

/** Well-known delegation served on the server name. */
export interface WellKnownDelegationValues {
  enabled: true;
  /** Redirect `/` on the server name to Element Web. */
  baseDomainRedirect: { enabled: boolean };
  additional?: WellKnownAdditional;
}

export type SynapseSection = SynapseValues | DisabledComponent;
export type PostgresSection = PostgresValues | DisabledComponent;
export type MatrixAuthenticationServiceSection =
  MatrixAuthenticationServiceValues | DisabledComponent;
export type ElementWebSection = ElementWebValues | DisabledComponent;
export type ElementAdminSection = ElementAdminValues | DisabledComponent;
export type WellKnownDelegationSection =
  WellKnownDelegationValues | DisabledComponent;
