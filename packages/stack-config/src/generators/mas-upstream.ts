/**
 * MAS's side of single sign-on: Authentik as MAS's only upstream OIDC
 * provider, with password login off. The client secret reaches MAS as a
 * file from the same Secret that Authentik's blueprint reads, so the two
 * sides share one value and the config never contains it.
 */
import type {
  ExtraSecretVolume,
  ExtraVolumeMount,
  MasConfigFragment,
  MasUpstreamProvider,
} from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { secretKeyRef } from "./secret-refs.js";

/** Name of the MAS config fragment in `matrixAuthenticationService.additional`. */
export const MAS_UPSTREAM_FRAGMENT = "axion-upstream-oauth2";

/** Volume that projects the OIDC client secret into the MAS pods. */
export const MAS_CLIENT_SECRET_VOLUME = "upstream-oidc-client";

/** Folder the client secret's volume is mounted at in the MAS container. */
export const MAS_CLIENT_SECRET_DIR = "/etc/mas/upstream-oidc";

/** File name of the client secret inside `MAS_CLIENT_SECRET_DIR`. */
const CLIENT_SECRET_FILE = "client-secret";

/**
 * Readable by owner and group: kubelet gives the file the pod's fsGroup
 * (10005 in the ESS chart), which is also MAS's group.
 */
const SECRET_FILE_MODE = 0o440;

/** Returns the Authentik provider entry of MAS's `upstream_oauth2`. */
export function masUpstreamProvider(stack: ResolvedStack): MasUpstreamProvider {
  const { sso } = stack;
  return {
    id: sso.providerId,
    issuer: sso.issuer,
    human_name: stack.brand,
    client_id: sso.clientId,
    client_secret_file: `${MAS_CLIENT_SECRET_DIR}/${CLIENT_SECRET_FILE}`,
    token_endpoint_auth_method: "client_secret_basic",
    scope: "openid profile email",
    claims_imports: {
      localpart: {
        action: "require",
        template: "{{ user.preferred_username }}",
      },
      displayname: { action: "suggest", template: "{{ user.name }}" },
      email: { action: "suggest", template: "{{ user.email }}" },
    },
  };
}

/**
 * Returns the MAS config fragment of single sign-on: Authentik as the
 * upstream provider and password login off, because accounts live in
 * Authentik. Undefined when SSO is off.
 */
export function masUpstreamFragment(
  stack: ResolvedStack,
): MasConfigFragment | undefined {
  if (!stack.sso.enabled) {
    return undefined;
  }
  return {
    passwords: { enabled: false },
    upstream_oauth2: { providers: [masUpstreamProvider(stack)] },
  };
}

/**
 * Returns the volume and mount that put the client secret at
 * `client_secret_file` in the MAS pods; both lists are empty when SSO is
 * off.
 */
export function masClientSecretMount(stack: ResolvedStack): {
  extraVolumes: ExtraSecretVolume[];
  extraVolumeMounts: ExtraVolumeMount[];
} {
  if (!stack.sso.enabled) {
    return { extraVolumes: [], extraVolumeMounts: [] };
  }
  const ref = secretKeyRef(
    stack,
    stack.ess.namespace,
    "oidcClientSecret",
    stack.sso.clientSecret.key,
  );
  return {
    extraVolumes: [
      {
        name: MAS_CLIENT_SECRET_VOLUME,
        secret: {
          secretName: ref.name,
          items: [{ key: ref.key, path: CLIENT_SECRET_FILE }],
          defaultMode: SECRET_FILE_MODE,
        },
      },
    ],
    extraVolumeMounts: [
      {
        name: MAS_CLIENT_SECRET_VOLUME,
        mountPath: MAS_CLIENT_SECRET_DIR,
        readOnly: true,
      },
    ],
  };
}
