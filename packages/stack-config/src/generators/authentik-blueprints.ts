/**
 * The Authentik blueprint that sets up single sign-on for Matrix with no
 * manual step: the OAuth2/OpenID provider MAS logs in through, the
 * application `matrix`, and an enrollment flow that only an invitation
 * opens. The worker applies it from a ConfigMap listed in the chart's
 * `blueprints.configMaps`, and re-applies it every 60 minutes.
 */
import {
  type Blueprint,
  type BlueprintEntry,
  EnvTag,
  FindTag,
  KeyOfTag,
} from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { MANAGED_BY_LABELS } from "../flux/names.js";
import { blueprintYaml } from "./authentik-blueprint-yaml.js";
import { AUTHENTIK_DIR, type AuthentikExtensions } from "./authentik.js";
import { secretEnv } from "./secret-refs.js";
import type { Generator } from "./types.js";

/** ConfigMap holding the blueprint, in Authentik's namespace. */
export const BLUEPRINT_CONFIGMAP = "authentik-blueprints-matrix";

/** Key of the blueprint in the ConfigMap; the chart applies `*.yaml` keys. */
export const BLUEPRINT_KEY = "matrix-sso.yaml";

/** Name of the blueprint instance in Authentik. */
export const BLUEPRINT_NAME = "axion-stack - Matrix single sign-on";

/**
 * Environment variable of the Authentik pods that carries the OIDC client
 * secret to the blueprint's `!Env` tag. It avoids the `AUTHENTIK_` prefix,
 * which Authentik reads as its own settings.
 */
export const CLIENT_SECRET_ENV = "MAS_OIDC_CLIENT_SECRET";

/** Managed scope mappings that put the standard claims in the ID token. */
const SCOPE_MAPPINGS = ["openid", "profile", "email"].map(
  (scope) =>
    new FindTag("authentik_providers_oauth2.scopemapping", [
      ["managed", `goauthentik.io/providers/oauth2/scope-${scope}`],
    ]),
);

/** Built-in blueprints whose flows and mappings the entries below find. */
const DEPENDENCIES = [
  "System - OAuth2 Provider - Scopes",
  "Default - Provider authorization flow (implicit consent)",
  "Default - Provider invalidation flow",
];

function findFlow(slug: string): FindTag {
  return new FindTag("authentik_flows.flow", [["slug", slug]]);
}

function dependencyEntries(): BlueprintEntry[] {
  return DEPENDENCIES.map((name) => ({
    model: "authentik_blueprints.metaapplyblueprint",
    attrs: { identifiers: { name }, required: true },
  }));
}

/** Fields of the enrollment form: field key, label, prompt type. */
const ENROLLMENT_FIELDS = [
  ["username", "Username", "username"],
  ["name", "Display name", "text"],
  ["email", "Email address", "email"],
  ["password", "Password", "password"],
  ["password_repeat", "Password (again)", "password"],
] as const;

function promptEntries(): BlueprintEntry[] {
  return ENROLLMENT_FIELDS.map(([fieldKey, label, type], order) => ({
    model: "authentik_stages_prompt.prompt",
    id: `prompt-field-${fieldKey}`,
    identifiers: { name: `matrix-enrollment-field-${fieldKey}` },
    attrs: {
      field_key: fieldKey,
      label,
      type,
      required: true,
      placeholder: label,
      placeholder_expression: false,
      order,
    },
  }));
}

function stageEntries(): BlueprintEntry[] {
  return [
    {
      model: "authentik_stages_invitation.invitationstage",
      id: "stage-invitation",
      identifiers: { name: "matrix-enrollment-invitation" },
      attrs: { continue_flow_without_invitation: false },
    },
    {
      model: "authentik_stages_prompt.promptstage",
      id: "stage-prompt",
      identifiers: { name: "matrix-enrollment-prompt" },
      attrs: {
        fields: ENROLLMENT_FIELDS.map(
          ([fieldKey]) => new KeyOfTag(`prompt-field-${fieldKey}`),
        ),
      },
    },
    {
      model: "authentik_stages_user_write.userwritestage",
      id: "stage-user-write",
      identifiers: { name: "matrix-enrollment-user-write" },
      attrs: {
        user_creation_mode: "always_create",
        create_users_as_inactive: false,
        user_type: "internal",
      },
    },
    {
      model: "authentik_stages_user_login.userloginstage",
      id: "stage-user-login",
      identifiers: { name: "matrix-enrollment-user-login" },
      attrs: { session_duration: "seconds=0" },
    },
  ];
}

/** Stage ids of the enrollment flow, in the order the user meets them. */
const ENROLLMENT_STAGES = [
  "stage-invitation",
  "stage-prompt",
  "stage-user-write",
  "stage-user-login",
];

function enrollmentFlowEntries(stack: ResolvedStack): BlueprintEntry[] {
  const flow: BlueprintEntry = {
    model: "authentik_flows.flow",
    id: "flow-enrollment",
    identifiers: { slug: stack.sso.enrollmentFlowSlug },
    attrs: {
      name: `${stack.brand} enrollment`,
      title: `Join ${stack.brand}`,
      designation: "enrollment",
      authentication: "require_unauthenticated",
    },
  };
  const bindings = ENROLLMENT_STAGES.map((stage, index) => ({
    model: "authentik_flows.flowstagebinding",
    identifiers: {
      target: new KeyOfTag("flow-enrollment"),
      stage: new KeyOfTag(stage),
    },
    attrs: { order: (index + 1) * 10 },
  }));
  return [flow, ...bindings];
}

function providerEntries(stack: ResolvedStack): BlueprintEntry[] {
  const { sso } = stack;
  const provider: BlueprintEntry = {
    model: "authentik_providers_oauth2.oauth2provider",
    id: "provider-mas",
    identifiers: { name: "Matrix Authentication Service" },
    attrs: {
      authorization_flow: findFlow(
        "default-provider-authorization-implicit-consent",
      ),
      invalidation_flow: findFlow("default-provider-invalidation-flow"),
      client_type: "confidential",
      client_id: sso.clientId,
      client_secret: new EnvTag(CLIENT_SECRET_ENV),
      redirect_uris: [{ matching_mode: "strict", url: sso.redirectUri }],
      signing_key: new FindTag("authentik_crypto.certificatekeypair", [
        ["name", "authentik Self-signed Certificate"],
      ]),
      property_mappings: SCOPE_MAPPINGS,
      include_claims_in_id_token: true,
      issuer_mode: "per_provider",
      sub_mode: "hashed_user_id",
    },
  };
  const application: BlueprintEntry = {
    model: "authentik_core.application",
    id: "application-matrix",
    identifiers: { slug: sso.applicationSlug },
    attrs: {
      name: stack.brand,
      provider: new KeyOfTag("provider-mas"),
      meta_launch_url: stack.urls.elementWeb,
      policy_engine_mode: "any",
    },
  };
  return [provider, application];
}

/** Builds the blueprint of MAS's provider, its application and enrollment. */
export function matrixSsoBlueprint(stack: ResolvedStack): Blueprint {
  return {
    version: 1,
    metadata: {
      name: BLUEPRINT_NAME,
      labels: {
        "blueprints.goauthentik.io/description":
          "Matrix single sign-on and invitation-only enrollment, generated " +
          "by axion-stack",
      },
    },
    entries: [
      ...dependencyEntries(),
      ...providerEntries(stack),
      ...promptEntries(),
      ...stageEntries(),
      ...enrollmentFlowEntries(stack),
    ],
  };
}

/**
 * Returns what the Authentik release needs for the blueprint: its
 * ConfigMap and the client secret as an environment variable.
 */
export function authentikBlueprintExtensions(
  stack: ResolvedStack,
): AuthentikExtensions {
  if (!stack.sso.enabled) {
    return { blueprintConfigMaps: [], env: [] };
  }
  const { key } = stack.sso.clientSecret;
  return {
    blueprintConfigMaps: [BLUEPRINT_CONFIGMAP],
    env: [
      secretEnv(
        stack,
        stack.authentik.namespace,
        CLIENT_SECRET_ENV,
        "oidcClientSecret",
        key,
      ),
    ],
  };
}

/** Renders the blueprint ConfigMap when MAS and Authentik are both on. */
export const generateAuthentikBlueprints: Generator = (stack) => {
  if (!stack.sso.enabled) {
    return [];
  }
  const text = blueprintYaml(
    matrixSsoBlueprint(stack),
    "yaml-language-server: $schema=https://goauthentik.io/blueprints/schema.json",
  );
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: BLUEPRINT_CONFIGMAP,
      namespace: stack.authentik.namespace,
      labels: { ...MANAGED_BY_LABELS },
    },
    data: { [BLUEPRINT_KEY]: text },
  };
  return [{ path: `${AUTHENTIK_DIR}/blueprints.yaml`, document: configMap }];
};
