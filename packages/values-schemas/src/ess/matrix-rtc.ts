/**
 * MatrixRTC values: the LiveKit SFU and the JWT service that authorises
 * clients for it. Both chart versions differ here: 26.8.1 removed
 * `livekitAuth.keysYaml` and lets an exposed service be a ClusterIP.
 */
import type {
  ComponentIngress,
  DisabledComponent,
  SecretKeyRef,
} from "./common.js";

/** Service type of an SFU port in 26.4.0. */
export type SfuPortTypeV26_4_0 = "NodePort" | "HostPort" | "LoadBalancer";

/** Service type of an SFU port in 26.8.1. */
export type SfuPortTypeV26_8_1 = SfuPortTypeV26_4_0 | "ClusterIP";

/**
 * A port number of a Service.
 * @TJS-type integer
 * @minimum 1
 * @maximum 65535
 */
export type PortNumber = number;

interface ExposedPortBase {
  enabled: boolean;
  port: PortNumber;
}

interface ExposedRangeBase {
  enabled: boolean;
  portRange: { startPort: PortNumber; endPort: PortNumber };
}

interface TurnTlsBase extends ExposedPortBase {
  /** The domain LiveKit's TURN server advertises, always on port 443. */
  domain: string;
  /** Terminate TLS in the SFU pod, with the chart's cert-manager Certificate. */
  tlsTerminationOnPod: boolean;
}

/** An SFU port in 26.4.0. */
export interface ExposedPortV26_4_0 extends ExposedPortBase {
  portType: SfuPortTypeV26_4_0;
}

/** An SFU port range in 26.4.0. */
export interface ExposedRangeV26_4_0 extends ExposedRangeBase {
  portType: SfuPortTypeV26_4_0;
}

/** LiveKit's TURN over TLS in 26.4.0. */
export interface TurnTlsV26_4_0 extends TurnTlsBase {
  portType: SfuPortTypeV26_4_0;
}

/** An SFU port in 26.8.1. */
export interface ExposedPortV26_8_1 extends ExposedPortBase {
  portType: SfuPortTypeV26_8_1;
}

/** An SFU port range in 26.8.1. */
export interface ExposedRangeV26_8_1 extends ExposedRangeBase {
  portType: SfuPortTypeV26_8_1;
}

/** LiveKit's TURN over TLS in 26.8.1. */
export interface TurnTlsV26_8_1 extends TurnTlsBase {
  portType: SfuPortTypeV26_8_1;
}

interface SfuBase {
  enabled: true;
  /** Ask Google's STUN server for the public IP; off keeps calls private. */
  useStunToDiscoverPublicIP: boolean;
  /** The IP address the SFU advertises to clients. */
  manualIP?: string;
}

/** The LiveKit SFU in 26.4.0. */
export interface SfuValuesV26_4_0 extends SfuBase {
  exposedServices: {
    rtcTcp: ExposedPortV26_4_0;
    rtcMuxedUdp: ExposedPortV26_4_0;
    rtcUdp: ExposedRangeV26_4_0;
    turn: ExposedPortV26_4_0;
    turnTLS: TurnTlsV26_4_0;
  };
}

/** The LiveKit SFU in 26.8.1. */
export interface SfuValuesV26_8_1 extends SfuBase {
  exposedServices: {
    rtcTcp: ExposedPortV26_8_1;
    rtcMuxedUdp: ExposedPortV26_8_1;
    rtcUdp: ExposedRangeV26_8_1;
    turn: ExposedPortV26_8_1;
    turnTLS: TurnTlsV26_8_1;
  };
}

/** A LiveKit API key and its secret, which the SFU and JWT service share. */
export interface LivekitKeyAndSecret {
  /** The API key's name; not a credential on its own. */
  key: string;
  secret: SecretKeyRef;
}

/** A whole LiveKit `keys.yaml` read from a Secret; 26.4.0 only. */
export interface LivekitKeysYaml {
  keysYaml: SecretKeyRef;
}

interface MatrixRTCBase {
  enabled: true;
  /** Host of the JWT service, which is also the `livekit_service_url`. */
  ingress: ComponentIngress;
}

/** MatrixRTC in 26.4.0. */
export interface MatrixRTCValuesV26_4_0 extends MatrixRTCBase {
  livekitAuth: LivekitKeyAndSecret | LivekitKeysYaml;
  sfu: SfuValuesV26_4_0;
}

/** MatrixRTC in 26.8.1, where `livekitAuth.key` is required. */
export interface MatrixRTCValuesV26_8_1 extends MatrixRTCBase {
  livekitAuth: LivekitKeyAndSecret;
  sfu: SfuValuesV26_8_1;
}

export type MatrixRTCSectionV26_4_0 =
  MatrixRTCValuesV26_4_0 | DisabledComponent;
export type MatrixRTCSectionV26_8_1 =
  MatrixRTCValuesV26_8_1 | DisabledComponent;
