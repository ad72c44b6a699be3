export {
  createInvitation,
  defaultInvitationName,
  type Invitation,
  INVITATION_NAME_PATTERN,
  InviteError,
  type InviteRequest,
  invitationExpiry,
} from "./invite.js";
export { authentikApiToken } from "./token.js";
