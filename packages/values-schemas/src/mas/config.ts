/**
 * The Matrix Authentication Service (MAS) config keys axion-stack sets
 * through the chart's `matrixAuthenticationService.additional` fragments.
 * The chart owns `http`, `database`, `matrix`, `secrets` and
 * `telemetry.metrics`, so they are left out. Names follow MAS's
 * `config.schema.json` of MAS 1.15 (ESS 26.4.0) and 1.22.
 */

/** Names and links MAS shows on its pages. */
export interface MasBrandingConfig {
  service_name?: string;
  policy_uri?: string;
  tos_uri?: string;
}

/** Local password accounts. */
export interface MasPasswordsConfig {
  enabled: boolean;
}

/** What users may do with their account in MAS. */
export interface MasAccountConfig {
  password_registration_enabled?: boolean;
  password_change_allowed?: boolean;
  password_recovery_enabled?: boolean;
  email_change_allowed?: boolean;
  displayname_change_allowed?: boolean;
  account_deactivation_allowed?: boolean;
  registration_token_required?: boolean;
}

/** Action MAS takes on one claim of the upstream provider's ID token. */
export type MasImportAction = "ignore" | "suggest" | "force" | "require";

/** Import rule of one user attribute from an upstream claim. */
export interface MasClaimImport {
  action: MasImportAction;
  /** Jinja template over the claims, such as `{{ user.email }}`. */
  template?: string;
}

/** Import rule of the localpart of the Matrix user ID. */
export interface MasLocalpartImport extends MasClaimImport {
  on_conflict?: "fail" | "add" | "replace" | "set";
}

/** Attributes imported from an upstream provider. */
export interface MasClaimsImports {
  localpart?: MasLocalpartImport;
  displayname?: MasClaimImport;
  email?: MasClaimImport;
}

/**
 * A ULID, as MAS requires for a provider ID.
 * @pattern ^[0123456789ABCDEFGHJKMNPQRSTVWXYZ]{26}$
 */
export type Ulid = string;

/** An upstream OpenID Connect provider, such as Authentik. */
export interface MasUpstreamProvider {
  id: Ulid;
  /** OIDC issuer URL; MAS discovers the endpoints from it. */
  issuer: string;
  human_name?: string;
  client_id: string;
  /** File holding the client secret, mounted from a Secret. */
  client_secret_file: string;
  token_endpoint_auth_method: "client_secret_basic" | "client_secret_post";
  /** Space-separated scopes, such as `openid profile email`. */
  scope: string;
  claims_imports?: MasClaimsImports;
}

/** Upstream OAuth 2.0 and OIDC providers. */
export interface MasUpstreamOAuth2Config {
  providers: MasUpstreamProvider[];
}

/** The typed subset of the MAS config that our fragments set. */
export interface MasConfigFragment {
  branding?: MasBrandingConfig;
  passwords?: MasPasswordsConfig;
  account?: MasAccountConfig;
  upstream_oauth2?: MasUpstreamOAuth2Config;
}
