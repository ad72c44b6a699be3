/**
 * The homeserver.yaml keys axion-stack sets through the chart's
 * `synapse.additional` fragments. Keys the chart owns (`server_name`,
 * `max_upload_size`, `database`, the secret paths) are left out, because
 * the chart's values overwrite them and setting them here has no effect.
 * Names and formats follow Synapse's config documentation (Synapse 1.151).
 */

/**
 * A Synapse duration: digits with one of the suffixes `s`, `m`, `h`, `d`,
 * `w` or `y`. Digits alone are milliseconds.
 * @pattern ^[0-9]+[smhdwy]?$
 */
export type SynapseDuration = string;

/** The retention policy of rooms that set none themselves. */
export interface RetentionDefaultPolicy {
  max_lifetime: SynapseDuration;
}

/** Message retention: rooms choose a lifetime within the allowed range. */
export interface RetentionConfig {
  enabled: boolean;
  default_policy?: RetentionDefaultPolicy;
  allowed_lifetime_min?: SynapseDuration;
  allowed_lifetime_max?: SynapseDuration;
}

/**
 * One rule of `room_list_publication_rules`. Each glob matches the fully
 * qualified ID; the first matching rule decides.
 */
export interface RoomListPublicationRule {
  user_id: string;
  alias: string;
  room_id: string;
  action: "allow" | "deny";
}

/** The typed subset of homeserver.yaml that our fragments set. */
export interface SynapseHomeserverFragment {
  retention?: RetentionConfig;
  room_list_publication_rules?: RoomListPublicationRule[];
  /** Room aliases such as `#welcome:example.org`. */
  auto_join_rooms?: string[];
  /** Create missing `auto_join_rooms` when the first user registers. */
  autocreate_auto_join_rooms?: boolean;
  /** Send anonymous usage statistics to matrix.org. */
  report_stats?: boolean;
  /** TURN server URIs handed to clients for 1:1 calls. */
  turn_uris?: string[];
  /**
   * File holding the TURN REST API shared secret. Synapse reads it once at
   * start; the key exists since Synapse 1.116.0.
   */
  turn_shared_secret_path?: string;
  /** Lifetime of the TURN credentials Synapse hands out. */
  turn_user_lifetime?: SynapseDuration;
  /** Hand TURN credentials to guest accounts too. */
  turn_allow_guests?: boolean;
  /**
   * Server names Synapse federates with; unset federates with every
   * server.
   */
  federation_domain_whitelist?: string[];
}
