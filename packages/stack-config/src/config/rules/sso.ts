/**
 * Cross-field rules of single sign-on. The issuer and the redirect URI are
 * derived in `sso.ts`. A config that spells them out must spell them
 * exactly as derived, because Authentik and MAS compare them byte for byte.
 */
import { DEFAULT_HOST_LABELS, DEFAULTS } from "../defaults.js";
import type { StackConfig } from "../model.js";
import type { ConfigRule } from "../rules.js";
import {
  defaultProviderId,
  issuerFor,
  redirectUriFor,
  SSO_APPLICATION_SLUG,
  ULID_PATTERN,
} from "../sso.js";

function hostOf(
  config: StackConfig,
  key: "authentik" | "matrixAuthenticationService",
) {
  const label = DEFAULT_HOST_LABELS[key];
  return config.hosts?.[key] ?? `${label}.${config.serverName}`;
}

function ulidProblem(id: string): string {
  if (id.length !== 26) {
    return `has ${id.length} characters, not 26`;
  }
  if (/[a-z]/.test(id)) {
    return "contains lower-case letters";
  }
  if (/[ILOU]/.test(id)) {
    return "contains I, L, O or U, which Crockford base32 leaves out";
  }
  if (!/^[0-9A-Z]+$/.test(id)) {
    return "contains characters outside Crockford base32";
  }
  return "starts with a character above 7, so it overflows 128 bits";
}

/** `sso.providerId` must be a ULID, as MAS's config schema requires. */
export const ssoProviderIdRule: ConfigRule = {
  name: "sso-provider-id",
  description:
    "The upstream provider ID is a ULID: MAS rejects anything else, and " +
    "it is part of the redirect URI that Authentik allows.",
  reads: ["sso.providerId"],
  check(config) {
    const id = config.sso?.providerId;
    if (id === undefined || ULID_PATTERN.test(id)) {
      return [];
    }
    return [
      {
        path: "sso.providerId",
        value: id,
        message: `is not a ULID: it ${ulidProblem(id)}`,
        allowed:
          "26 characters of Crockford base32 in upper case (0-9, A-Z " +
          "without I, L, O, U), the first one 0-7",
        fix:
          `use a fresh ULID, such as ${defaultProviderId(config.serverName)}, ` +
          "or remove the key to derive one from serverName",
      },
    ];
  },
};

/** `sso.issuer`, when set, must equal the issuer Authentik publishes. */
export const ssoIssuerRule: ConfigRule = {
  name: "sso-issuer",
  description:
    "MAS checks the issuer in Authentik's discovery document byte for " +
    "byte, so it must be the one derived from hosts.authentik, trailing " +
    "slash included.",
  reads: ["sso.issuer", "hosts.authentik", "serverName"],
  check(config) {
    const issuer = config.sso?.issuer;
    const expected = issuerFor(
      `https://${hostOf(config, "authentik")}`,
      SSO_APPLICATION_SLUG,
    );
    if (issuer === undefined || issuer === expected) {
      return [];
    }
    const message =
      `${issuer}/` === expected
        ? "lacks the trailing slash of the issuer that Authentik publishes"
        : `differs from the issuer of the Authentik application ` +
          `"${SSO_APPLICATION_SLUG}" at hosts.authentik`;
    return [
      {
        path: "sso.issuer",
        value: issuer,
        message,
        allowed: expected,
        fix: `set it to ${expected}, or remove it to derive it`,
      },
    ];
  },
};

function redirectMessage(uri: string, host: string, id: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "is not an absolute URL";
  }
  if (url.host !== host) {
    return `points at host ${url.host}, not at MAS's host ${host}`;
  }
  const callback = /^\/upstream\/callback\/([^/]+)$/.exec(url.pathname);
  if (callback && callback[1] !== id) {
    return `names provider ${callback[1]}, not sso.providerId ${id}`;
  }
  return "differs from MAS's callback URL of the upstream provider";
}

/** `sso.redirectUri`, when set, must equal MAS's callback URL. */
export const ssoRedirectUriRule: ConfigRule = {
  name: "sso-redirect-uri",
  description:
    "Authentik only redirects to the exact callback URL MAS serves for " +
    "the provider: https://<MAS host>/upstream/callback/<providerId>.",
  reads: [
    "sso.redirectUri",
    "sso.providerId",
    "hosts.matrixAuthenticationService",
    "serverName",
  ],
  check(config) {
    const uri = config.sso?.redirectUri;
    const host = hostOf(config, "matrixAuthenticationService");
    const id = config.sso?.providerId ?? defaultProviderId(config.serverName);
    const expected = redirectUriFor(`https://${host}`, id);
    if (uri === undefined || uri === expected) {
      return [];
    }
    return [
      {
        path: "sso.redirectUri",
        value: uri,
        message: redirectMessage(uri, host, id),
        allowed: expected,
        fix: `set it to ${expected}, or remove it to derive it`,
      },
    ];
  },
};

function isInline(value: unknown): boolean {
  if (typeof value === "string") {
    return true;
  }
  return typeof value === "object" && value !== null && "value" in value;
}

/** The client secret comes from a Secret, never from the config. */
export const ssoClientSecretRule: ConfigRule = {
  name: "sso-client-secret-reference",
  description:
    "The OIDC client secret is read from a SOPS-encrypted Secret by both " +
    "Authentik and MAS; a value in the config would land in Git in " +
    "plain text.",
  // Empty: the schema rejects a string at `sso.clientSecret` too, which
  // would skip this rule, and this rule must still explain the reason.
  reads: [],
  check(config) {
    const secret: unknown = config.sso?.clientSecret;
    if (secret === undefined || !isInline(secret)) {
      return [];
    }
    const fallback = DEFAULTS.sso.clientSecret;
    return [
      {
        path: "sso.clientSecret",
        value: "(redacted)",
        message: "is an inline value; only a Secret reference is accepted",
        allowed: '{ secret: "<Secret name>", key: "<key>" }',
        fix:
          "remove the value from the config (and rotate it, as it was in " +
          `plain text), then set { secret: "${fallback.secret}", key: ` +
          `"${fallback.key}" } or remove the key; axion-stack secrets ` +
          "creates the Secret",
      },
    ];
  },
};

/** MAS is only useful when Synapse delegates authentication to it. */
export const masDelegationRule: ConfigRule = {
  name: "mas-delegation",
  description:
    "With MAS on, Synapse delegates authentication to MAS, so Synapse " +
    "must be on too.",
  reads: ["ess.matrixAuthenticationService.enabled", "ess.synapse.enabled"],
  check(config) {
    const masOn = config.ess?.matrixAuthenticationService?.enabled ?? true;
    if (!masOn || config.ess?.synapse?.enabled !== false) {
      return [];
    }
    return [
      {
        path: "ess.synapse.enabled",
        value: false,
        message:
          "is false while MAS is on, so no homeserver delegates " +
          "authentication to MAS",
        allowed: "true while ess.matrixAuthenticationService.enabled is true",
        fix:
          "set ess.synapse.enabled to true, or set " +
          "ess.matrixAuthenticationService.enabled to false",
      },
    ];
  },
};

/**
 * Config paths that may hold a credential when a config is wrong. Issues
 * at these paths print "(redacted)" instead of the received value.
 */
export const SECRET_CONFIG_PATHS: readonly string[] = ["sso.clientSecret"];

/** The single sign-on rules, in the order they run. */
export const SSO_RULES: readonly ConfigRule[] = [
  ssoProviderIdRule,
  ssoIssuerRule,
  ssoRedirectUriRule,
  ssoClientSecretRule,
  masDelegationRule,
];
