import { z } from 'zod';
import { ORGANIZATION_ERRORS, type ApiOperation } from '@/lib/http/api-operation';
import { MEMBERSHIP_ROLES } from '@/lib/tenant/roles';
import { normalizeEmail } from './email-address';
import { organizationSchema } from './organization-schema';

/*
 * Invitations on the way in and out, and the API operations on them.
 * Client-safe, so the invite form validates with the same schema the API
 * does; tokens, hashes and the lifecycle are in ./invitations.ts and the
 * database.
 */

export const inviteMemberInput = z
  .strictObject({
    email: z.email().max(320).transform(normalizeEmail),
    role: z.enum(MEMBERSHIP_ROLES).default('member'),
  })
  .meta({ id: 'InviteMember' });

export const acceptInvitationInput = z
  .strictObject({ token: z.string().min(20).max(200).describe('The token at the end of the accept URL') })
  .meta({ id: 'AcceptInvitation' });

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(MEMBERSHIP_ROLES),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    invited_by: z.uuid().nullable(),
    expires_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });

export const createdInvitationSchema = z
  .object({
    invitation: invitationSchema,
    accept_url: z.url().describe('Shown once: only a hash of its token is stored'),
  })
  .meta({ id: 'CreatedInvitation' });

export type InvitationView = z.infer<typeof invitationSchema>;

const COLLECTION = '/api/v1/orgs/{slug}/invitations';

/** Admins invite and revoke; accepting is for whoever the invitation was sent to, in no organization yet. */
export const invitationOperations = {
  list: { method: 'get', path: COLLECTION, summary: 'Invitations (tokens are never shown again)', who: 'admin', response: { status: 200, schema: invitationSchema, list: true }, errors: [...ORGANIZATION_ERRORS, 'forbidden'] },
  create: { method: 'post', path: COLLECTION, summary: 'Invite by email; the accept URL is returned once', who: 'admin', body: inviteMemberInput, response: { status: 201, schema: createdInvitationSchema }, errors: [...ORGANIZATION_ERRORS, 'plan_limit', 'forbidden', 'validation_failed', 'already_member', 'rate_limited'] },
  revoke: { method: 'delete', path: `${COLLECTION}/{id}`, summary: 'Revoke an invitation', who: 'admin', response: { status: 204 }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'invitation_used'] },
  accept: { method: 'post', path: '/api/v1/invitations/accept', summary: 'Accept an invitation sent to the caller’s email', who: 'signed in', body: acceptInvitationInput, response: { status: 201, schema: organizationSchema }, errors: ['unauthorized', 'not_found', 'validation_failed', 'invitation_email_mismatch', 'invitation_revoked', 'invitation_used', 'invitation_expired', 'already_member', 'rate_limited'] },
} as const satisfies Record<string, ApiOperation>;
