/**
 * The coturn options axion-stack writes into `turnserver.conf` (coturn
 * 4.6). coturn has no schema, so this type is the strict list of options
 * we emit. An option set to `true` is written as a bare flag, a list as one
 * line per entry.
 */

/** A `first-last` address range, as coturn's `denied-peer-ip` takes it. */
export type AddressRange = string;

/** The options of one `turnserver.conf`. */
export interface TurnServerConfig {
  /** Realm of the long-term credentials: the Matrix server name. */
  realm: string;
  /**
   * TURN and STUN port for UDP and TCP.
   * @TJS-type integer
   */
  "listening-port": number;
  /**
   * TURN over TLS (TCP) and DTLS (UDP) port.
   * @TJS-type integer
   */
  "tls-listening-port": number;
  /** Public address advertised in relayed candidates, for a node behind NAT. */
  "external-ip"?: string;
  /**
   * First UDP port of the relay range.
   * @TJS-type integer
   */
  "min-port": number;
  /**
   * Last UDP port of the relay range, included.
   * @TJS-type integer
   */
  "max-port": number;
  /**
   * TURN REST API credentials: usernames are `<expiry>:<user>` signed with
   * the shared secret, which is passed on the command line, not here.
   */
  "use-auth-secret": true;
  /** Certificate chain of the TLS listener (PEM). */
  cert: string;
  /** Private key of the TLS listener (PEM). */
  pkey: string;
  /** Reject TLS 1.0 clients. */
  "no-tlsv1": true;
  /** Reject TLS 1.1 clients. */
  "no-tlsv1_1": true;
  /** Add the FINGERPRINT attribute to every message (RFC 5389). */
  fingerprint: true;
  /** Turn off the telnet admin interface. */
  "no-cli": true;
  /** Never relay to multicast addresses. */
  "no-multicast-peers": true;
  /** Relay UDP only, because calls do not need TCP relaying (RFC 6062). */
  "no-tcp-relay": true;
  /**
   * Turn off NAT behaviour discovery (RFC 5780), which can be abused to
   * amplify traffic.
   */
  "no-rfc5780": true;
  /** Accept only RFC 5389 STUN requests, not the older RFC 3489 ones. */
  "no-stun-backward-compatibility": true;
  /** Send RESPONSE-ORIGIN only when RFC 5780 is on, to keep replies small. */
  "response-origin-only-with-rfc5780": true;
  /** Leave the software version out of responses. */
  "no-software-attribute": true;
  /**
   * Peer addresses coturn never relays to: private, loopback, link-local,
   * metadata and reserved ranges.
   */
  "denied-peer-ip": AddressRange[];
  /**
   * Maximum concurrent allocations per username. 0 means no limit.
   * @TJS-type integer
   */
  "user-quota": number;
  /**
   * Maximum concurrent allocations on the whole server. 0 means no limit.
   * @TJS-type integer
   */
  "total-quota": number;
  /**
   * Seconds a nonce stays valid.
   * @TJS-type integer
   */
  "stale-nonce": number;
  /** Log to the container's standard output. */
  "log-file": "stdout";
  /** One log file without a date suffix. */
  "simple-log": true;
  /** PID file on a writable volume, as the root filesystem is read-only. */
  pidfile: string;
}
