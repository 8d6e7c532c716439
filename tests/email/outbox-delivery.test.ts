import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaller, ownerRows } from '../support/callers';
import { createProfile, later, startEmailTestEnvironment, type EmailTestEnvironment } from './email-harness';

/*
 * The outbox: an email row is written in the transaction that causes it,
 * delivered once to a real SMTP server, retried through an outage, never
 * sent twice by sweeps running at once, and a permanent failure is shown to
 * the organization's admins.
 */

let environment: EmailTestEnvironment;
let outbox: typeof import('@/lib/email/outbox');
let invitations: typeof import('@/lib/tenancy/invitations');
let tenantScope: typeof import('@/lib/tenant/membership');
let invitationEmail: typeof import('@/lib/email/invitation-email');

function invite(email: string) {
  return tenantScope.inOrganization(environment.owner, 'acme', 'admin', (scope) => invitations.inviteMember(scope, { email, role: 'member' }));
}

function caughtFor(email: string) {
  return environment.catcher.messages().filter((message) => message.to.includes(email));
}

beforeAll(async () => {
  environment = await startEmailTestEnvironment();
  outbox = await import('@/lib/email/outbox');
  invitations = await import('@/lib/tenancy/invitations');
  tenantScope = await import('@/lib/tenant/membership');
  invitationEmail = await import('@/lib/email/invitation-email');
  // Room for the burst below: the free plan holds three seats.
  await ownerRows(environment.database, sql`update public.plan_limits set members = null`);
});

afterAll(async () => {
  await environment?.dispose();
});

describe('the email outbox', () => {
  it('writes the invitation email in the invitation\'s transaction, with its token sealed, and delivers the accept link once', async () => {
    const { accept_url } = await invite('first@example.com');
    const [row] = (await environment.outbox()).filter((candidate) => candidate.to_email === 'first@example.com');
    expect(row).toMatchObject({ kind: 'invitation', status: 'pending' });
    const token = accept_url.split('/invite/')[1]!;
    expect(row!.sealed_token).toBeTruthy();
    expect(row!.sealed_token).not.toContain(token);
    expect(JSON.stringify(row!.payload)).not.toContain(token);

    expect(await outbox.deliverDueEmails()).toMatchObject({ sent: 1 });
    const [message] = caughtFor('first@example.com');
    expect(message!.subject).toBe('Olivia Owner invited you to Acme on Tenantry');
    expect(message!.text).toContain(accept_url);
    expect(message!.html).toContain(accept_url);

    const [after] = (await environment.outbox()).filter((candidate) => candidate.to_email === 'first@example.com');
    expect(after).toMatchObject({ status: 'sent', sealed_token: null });
    expect(await outbox.deliverDueEmails()).toMatchObject({ sent: 0 });
    expect(caughtFor('first@example.com')).toHaveLength(1);
  });

  it('an invitation that rolls back sends nothing', async () => {
    await expect(
      tenantScope.inOrganization(environment.owner, 'acme', 'admin', async (scope) => {
        await invitations.inviteMember(scope, { email: 'rolled-back@example.com', role: 'member' });
        throw new Error('something later in the same request failed');
      }),
    ).rejects.toThrow('something later');
    expect((await environment.outbox()).filter((row) => row.to_email === 'rolled-back@example.com')).toEqual([]);
    await outbox.deliverDueEmails();
    expect(caughtFor('rolled-back@example.com')).toEqual([]);
  });

  it('with the SMTP server down the email waits, and once it is back it is delivered exactly once', async () => {
    await invite('outage@example.com');
    await environment.catcher.stopSmtp();
    try {
      expect(await outbox.deliverDueEmails()).toMatchObject({ sent: 0, retrying: 1 });
      const [waiting] = (await environment.outbox()).filter((row) => row.to_email === 'outage@example.com');
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
      expect(waiting!.last_error).toBeTruthy();
      // Backing off: a sweep right away does not try again.
      expect(await outbox.deliverDueEmails()).toMatchObject({ sent: 0, retrying: 0 });
    } finally {
      await environment.catcher.startSmtp();
    }
    expect(await outbox.deliverDueEmails({ now: later() })).toMatchObject({ sent: 1 });
    await outbox.deliverDueEmails({ now: later(4) });
    expect(caughtFor('outage@example.com')).toHaveLength(1);
  });

  it('two sweeps running at once send each email once', async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) await invite(`concurrent-${n}@example.com`);
    const reports = await Promise.all([outbox.deliverDueEmails(), outbox.deliverDueEmails(), outbox.deliverDueEmails()]);
    expect(reports.reduce((total, report) => total + report.sent, 0)).toBe(6);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(caughtFor(`concurrent-${n}@example.com`)).toHaveLength(1);
  });

  it('killing the SMTP server during a burst of 50 invitations and restarting it delivers exactly 50 emails', async () => {
    const addresses = Array.from({ length: 50 }, (_, n) => `burst-${n}@example.com`);
    const sweeps: Promise<unknown>[] = [];
    for (const [n, address] of addresses.entries()) {
      await invite(address);
      if (n % 10 === 0) sweeps.push(outbox.deliverDueEmails());
      if (n === 20) await environment.catcher.stopSmtp();
    }
    sweeps.push(outbox.deliverDueEmails());
    await Promise.all(sweeps);
    await environment.catcher.startSmtp();
    for (let round = 1; round <= 3; round += 1) await outbox.deliverDueEmails({ now: later(round), batch: 100 });
    const delivered = environment.catcher.messages().filter((message) => message.to.some((to) => to.startsWith('burst-')));
    expect(delivered).toHaveLength(50);
    expect(new Set(delivered.map((message) => message.to[0]))).toEqual(new Set(addresses));
    const rows = (await environment.outbox()).filter((row) => row.to_email.startsWith('burst-'));
    expect(rows.every((row) => row.status === 'sent' && row.sealed_token === null)).toBe(true);
    // The outage was real: some emails needed more than one attempt.
    expect(rows.some((row) => row.attempts > 1)).toBe(true);
  });

  it('a permanent failure is recorded and shown to the organization\'s admins until resent, and never to its members', async () => {
    const { invitation } = await invite('no-such-mailbox@example.com');
    const refusing = async () => {
      throw Object.assign(new Error('550 5.1.1 mailbox unavailable'), { responseCode: 550 });
    };
    expect(await outbox.deliverDueEmails({ send: refusing })).toMatchObject({ failed: 1 });
    const [row] = (await environment.outbox()).filter((candidate) => candidate.to_email === 'no-such-mailbox@example.com');
    expect(row).toMatchObject({ status: 'failed', sealed_token: null, last_error: '550 5.1.1 mailbox unavailable' });

    const failures = await tenantScope.inOrganization(environment.owner, 'acme', 'admin', (scope) => invitationEmail.listEmailFailures(scope));
    expect(failures).toContainEqual(expect.objectContaining({ invitationId: invitation.id, toEmail: 'no-such-mailbox@example.com', kind: 'invitation' }));
    // Resending (after fixing the address, or to try again) clears the notice: the bounced invitation is revoked.
    await tenantScope.inOrganization(environment.owner, 'acme', 'admin', (scope) => invitationEmail.resendInvitation(scope, invitation.id));
    const afterResend = await tenantScope.inOrganization(environment.owner, 'acme', 'admin', (scope) => invitationEmail.listEmailFailures(scope));
    expect(afterResend.map((failure) => failure.invitationId)).not.toContain(invitation.id);

    const member = makeCaller('member@example.com');
    await createProfile(member);
    await ownerRows(
      environment.database,
      sql`insert into public.memberships (organization_id, user_id, role) select id, ${member.userId}::uuid, 'member' from public.organizations where slug = 'acme'`,
    );
    await expect(
      tenantScope.inOrganization(member, 'acme', 'member', (scope) =>
        scope.tx.execute(sql`select * from tenantry.email_failures(${scope.organization.id}::uuid)`),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      tenantScope.inOrganization(member, 'acme', 'member', (scope) => scope.tx.execute(sql`select * from public.email_outbox`)),
    ).rejects.toThrow();
  });

  it('resending an invitation invalidates the old link and emails a new one', async () => {
    const { invitation, accept_url: oldUrl } = await invite('resend@example.com');
    await outbox.deliverDueEmails();
    const { acceptUrl } = await tenantScope.inOrganization(environment.owner, 'acme', 'admin', (scope) =>
      invitationEmail.resendInvitation(scope, invitation.id),
    );
    expect(acceptUrl).not.toBe(oldUrl);
    expect((await invitations.previewInvitation(oldUrl.split('/invite/')[1]!))?.status).toBe('revoked');
    expect((await invitations.previewInvitation(acceptUrl.split('/invite/')[1]!))?.status).toBe('pending');
    await outbox.deliverDueEmails();
    const messages = caughtFor('resend@example.com');
    expect(messages).toHaveLength(2);
    expect(messages[1]!.text).toContain(acceptUrl);
  });
});
