/**
 * Matrix Authentication Service (MAS): its host, every credential by
 * Secret reference, and its config fragments: the service's brand, account
 * rules, and Authentik as upstream provider when single sign-on is on.
 */
import type {
  ConfigFragments,
  ExtraSecretVolume,
  ExtraVolumeMount,
  MasConfigFragment,
  MatrixAuthenticationServiceSection,
} from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import {
  configFragment,
  DISABLED,
  essSecretRef,
  essValuesManifest,
  externalPostgres,
} from "./ess.js";
import {
  MAS_UPSTREAM_FRAGMENT,
  masClientSecretMount,
  masUpstreamFragment,
} from "./mas-upstream.js";
import type { Generator } from "./types.js";

/**
 * Additions that a later stage makes to MAS, such as single sign-on: more
 * config fragments and the Secret volumes their files come from.
 */
export interface MasExtensions {
  fragments: Record<string, MasConfigFragment>;
  extraVolumes: ExtraSecretVolume[];
  extraVolumeMounts: ExtraVolumeMount[];
}

const NO_EXTENSIONS: MasExtensions = {
  fragments: {},
  extraVolumes: [],
  extraVolumeMounts: [],
};

/**
 * Returns the MAS config fragments by name: closed registration, so an
 * administrator or the identity provider creates accounts, and no password
 * recovery, since MAS has no email transport configured. Local passwords
 * stay on only while single sign-on is off.
 */
export function masFragments(
  stack: ResolvedStack,
): Record<string, MasConfigFragment> {
  return {
    "axion-accounts": {
      ...(stack.sso.enabled ? {} : { passwords: { enabled: true } }),
      account: {
        password_registration_enabled: false,
        password_recovery_enabled: false,
        password_change_allowed: !stack.sso.enabled,
      },
    },
    "axion-branding": { branding: { service_name: stack.brand } },
  };
}

/**
 * Returns single sign-on through Authentik as MAS extensions: the upstream
 * provider fragment and the volume of its client secret. Empty when SSO is
 * off.
 */
export function masSsoExtensions(stack: ResolvedStack): MasExtensions {
  const fragment = masUpstreamFragment(stack);
  if (fragment === undefined) {
    return NO_EXTENSIONS;
  }
  return {
    fragments: { [MAS_UPSTREAM_FRAGMENT]: fragment },
    ...masClientSecretMount(stack),
  };
}

/**
 * Builds the `matrixAuthenticationService` values. An extension's fragment
 * replaces a stage-1 fragment of the same name, and the chart merges
 * fragments in name order, so `axion-upstream-oauth2` overrides
 * `axion-accounts` where both set a key.
 */
export function masValues(
  stack: ResolvedStack,
  extensions: MasExtensions = NO_EXTENSIONS,
): MatrixAuthenticationServiceSection {
  if (!stack.ess.matrixAuthenticationService.enabled) {
    return DISABLED;
  }
  const ref = (key: string) => essSecretRef(stack, "masCredentials", key);
  const fragments = { ...masFragments(stack), ...extensions.fragments };
  const additional: ConfigFragments = {};
  for (const [name, fragment] of Object.entries(fragments)) {
    additional[name] = { config: configFragment(`MAS ${name}`, fragment) };
  }
  const volumes = extensions.extraVolumes.length > 0;
  const postgres = externalPostgres(stack, "mas");

  return {
    enabled: true,
    ingress: { host: stack.hosts.matrixAuthenticationService },
    encryptionSecret: ref("encryption-secret"),
    synapseSharedSecret: ref("synapse-shared-secret"),
    privateKeys: {
      rsa: ref("rsa-private-key"),
      ecdsaPrime256v1: ref("ecdsa-p256-private-key"),
    },
    additional,
    ...(volumes
      ? {
          extraVolumes: [...extensions.extraVolumes],
          extraVolumeMounts: [...extensions.extraVolumeMounts],
        }
      : {}),
    ...(postgres ? { postgres } : {}),
  };
}

/**
 * Renders the `matrixAuthenticationService` values ConfigMap, with single
 * sign-on when it is on.
 */
export const generateMas: Generator = (stack) => [
  essValuesManifest(stack, "matrix-authentication-service", {
    matrixAuthenticationService: masValues(stack, masSsoExtensions(stack)),
  }),
];
