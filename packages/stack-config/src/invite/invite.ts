/**
 * `axion-stack invite`: creates an Authentik invitation through Authentik's
 * API and returns the enrollment link. Invitations are not part of the
 * blueprint because Authentik re-applies blueprints every 60 minutes and
 * would re-create a single-use invitation after it was used.
 */
import type { ResolvedStack } from "../config/resolve.js";
import { parseExpiry } from "../config/sso.js";

/** Raised when the invitation cannot be created. */
export class InviteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InviteError";
  }
}

/** Invitation names Authentik accepts: a slug. */
export const INVITATION_NAME_PATTERN = /^[-a-zA-Z0-9_]{1,64}$/;

const REQUEST_TIMEOUT_MS = 15_000;

/** Request parameters of `createInvitation`, besides the stack. */
export interface InviteRequest {
  /** Base URL of the Authentik API, such as `https://auth.example.org`. */
  apiUrl: string;
  /** Authentik API token; never printed. */
  token: string;
  /** Invitation name; also shown in Authentik's admin UI. */
  name: string;
  /** Current time, passed in so the expiry is testable. */
  now: Date;
}

/** A created invitation. */
export interface Invitation {
  name: string;
  /** Enrollment link with the invitation token. */
  link: string;
  expires: Date;
  singleUse: boolean;
}

async function callApi(
  request: InviteRequest,
  method: "GET" | "POST",
  path: string,
  body?: object,
): Promise<unknown> {
  const url = new URL(`/api/v3/${path}`, request.apiUrl);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${request.token}`,
        accept: "application/json",
        ...(body ? { "content-type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new InviteError(
      `could not reach Authentik at ${url.origin}: ` +
        `${(error as Error).message}. Check the URL and that Authentik runs`,
    );
  }
  return readResponse(response, `${method} ${url.pathname}`);
}

async function readResponse(
  response: Response,
  requestLine: string,
): Promise<unknown> {
  if (response.status === 401 || response.status === 403) {
    throw new InviteError(
      `Authentik rejected the API token (${requestLine}: HTTP ${response.status}). ` +
        "The bootstrap token is only set at Authentik's first start; " +
        "create an API token for an admin in Authentik and pass it in " +
        "AUTHENTIK_TOKEN",
    );
  }
  if (!response.ok) {
    const detail = (await response.text()).slice(0, 300);
    throw new InviteError(
      `Authentik request ${requestLine} failed with HTTP ${response.status}: ${detail}`,
    );
  }
  return response.json();
}

async function enrollmentFlowId(
  stack: ResolvedStack,
  request: InviteRequest,
): Promise<string> {
  const slug = stack.sso.enrollmentFlowSlug;
  const page = (await callApi(
    request,
    "GET",
    `flows/instances/?slug=${encodeURIComponent(slug)}`,
  )) as { results?: { pk?: string; slug?: string }[] };
  const flow = page.results?.find((candidate) => candidate.slug === slug);
  if (flow?.pk === undefined) {
    throw new InviteError(
      `Authentik has no flow "${slug}" yet: its worker creates it from the ` +
        "axion-stack blueprint. Wait for Flux to apply the tree, check the " +
        "blueprint's status under System > Blueprints, and run again",
    );
  }
  return flow.pk;
}

/** Returns the expiry time of an invitation created at `now`. */
export function invitationExpiry(stack: ResolvedStack, now: Date): Date {
  const text = stack.sso.invitations.expiry;
  const milliseconds = parseExpiry(text);
  if (milliseconds === undefined) {
    throw new InviteError(
      `sso.invitations.expiry "${text}" is invalid: use a number and a ` +
        "unit m, h, d or w, such as 7d",
    );
  }
  return new Date(now.getTime() + milliseconds);
}

/**
 * Creates one invitation for the enrollment flow, with the expiry and the
 * single-use setting of `sso.invitations`, and returns its link.
 */
export async function createInvitation(
  stack: ResolvedStack,
  request: InviteRequest,
): Promise<Invitation> {
  if (!stack.sso.enabled) {
    throw new InviteError(
      "invitations need single sign-on: turn on both authentik.enabled " +
        "and ess.matrixAuthenticationService.enabled",
    );
  }
  if (!INVITATION_NAME_PATTERN.test(request.name)) {
    throw new InviteError(
      `invalid invitation name "${request.name}": use 1 to 64 letters, ` +
        "digits, '-' and '_'",
    );
  }

  const expires = invitationExpiry(stack, request.now);
  const { singleUse } = stack.sso.invitations;
  const flow = await enrollmentFlowId(stack, request);
  const created = (await callApi(
    request,
    "POST",
    "stages/invitation/invitations/",
    {
      name: request.name,
      expires: expires.toISOString(),
      single_use: singleUse,
      flow,
      fixed_data: {},
    },
  )) as { pk?: string };
  if (typeof created.pk !== "string") {
    throw new InviteError("Authentik created the invitation but sent no pk");
  }

  const link =
    `${stack.urls.authentik}/if/flow/${stack.sso.enrollmentFlowSlug}/` +
    `?itoken=${encodeURIComponent(created.pk)}`;
  return { name: request.name, link, expires, singleUse };
}

/** Returns a default invitation name from the time, such as `invite-20261204-1605`. */
export function defaultInvitationName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").slice(0, 13);
  return `invite-${stamp.replace("T", "-")}`;
}
