import 'server-only';
import { sql } from 'drizzle-orm';
import type { Caller } from '@/lib/tenant/caller';
import { env } from '@/lib/env';
import { asUser, resultRows, type Transaction } from '@/lib/tenant/transaction';
import type { TenantScope } from '@/lib/tenant/membership';
import { sealToken } from './seal';
import { scheduleEmailDelivery } from './schedule-delivery';
import { outboxSecret } from './secret';

/**
 * "Resend" on the Members page: the old link stops working and a new
 * invitation, with a new token and a fresh week, is emailed
 * (tenantry.resend_invitation). The new accept URL is returned once, for the
 * copy-the-link flow.
 */
export async function resendInvitation(scope: TenantScope, invitationId: string): Promise<{ invitationId: string; acceptUrl: string }> {
  const [created] = resultRows<{ invitation_id: string; token: string }>(
    await scope.tx.execute(
      sql`select invitation_id, token from tenantry.resend_invitation(${scope.organization.id}::uuid, ${invitationId}::uuid)`,
    ),
  );
  await attachInvitationToken(scope.tx, created!.invitation_id, created!.token);
  return { invitationId: created!.invitation_id, acceptUrl: `${env().NEXT_PUBLIC_SITE_URL}/invite/${created!.token}` };
}

/**
 * Gives the invitation email written by tenantry.create_invitation its token,
 * sealed, in the same transaction: the email can carry the accept link, and
 * the table never holds it in plain text.
 */
export async function attachInvitationToken(tx: Transaction, invitationId: string, token: string): Promise<void> {
  if (env().EMAIL === 'off') return;
  await tx.execute(sql`select tenantry.attach_invitation_token(${invitationId}::uuid, ${sealToken(token, outboxSecret())}::text)`);
  scheduleEmailDelivery();
}

export interface EmailFailure {
  id: string;
  kind: string;
  invitationId: string | null;
  toEmail: string;
  lastError: string | null;
}

/** Emails to this organization's people that could not be delivered; admins only (tenantry.email_failures). */
export async function listEmailFailures(scope: TenantScope): Promise<EmailFailure[]> {
  const rows = resultRows<{ id: string; kind: string; invitation_id: string | null; to_email: string; last_error: string | null }>(
    await scope.tx.execute(sql`select id, kind, invitation_id, to_email, last_error from tenantry.email_failures(${scope.organization.id}::uuid)`),
  );
  return rows.map((row) => ({ id: row.id, kind: row.kind, invitationId: row.invitation_id, toEmail: row.to_email, lastError: row.last_error }));
}

/** Whether the caller gets the optional notices (role changes, removals, …); invitations and billing failures always go. */
export function optionalNoticesEnabled(caller: Caller): Promise<boolean> {
  return asUser(caller, async (tx) => {
    const [row] = resultRows<{ enabled: boolean }>(await tx.execute(sql`select tenantry.optional_notices_enabled() as enabled`));
    return row?.enabled ?? true;
  });
}

export function setOptionalNotices(caller: Caller, enabled: boolean): Promise<void> {
  return asUser(caller, async (tx) => {
    await tx.execute(sql`select tenantry.set_optional_notices(${enabled}::boolean)`);
  });
}
