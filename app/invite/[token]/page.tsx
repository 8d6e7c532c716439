import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Button } from '@/app/_components/ui/button';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { RoleBadge } from '@/app/_components/ui/role-badge';
import { loginPath, optionalCaller } from '@/lib/auth/page-access';
import { AppError } from '@/lib/http/app-error';
import { limitServerAction } from '@/lib/rate-limit/server-action-limits';
import { previewInvitation, type InvitationPreview } from '@/lib/tenancy/invitations';
import { isSameEmail } from '@/lib/tenancy/email-address';
import { AcceptForm } from './accept-form';
import { Actions, Frame } from './invitation-frame';
import { switchAccountAction } from './actions';

export const metadata: Metadata = { title: 'Invitation', robots: { index: false } };

/**
 * An invitation link: which organization, who sent it, and a way in. Works
 * signed out (sign-in comes back here), and says plainly why a link no
 * longer works or is meant for another account.
 */
export default async function InvitationPage({ params }: PageProps<'/invite/[token]'>) {
  const { token } = await params;
  const caller = await optionalCaller();
  try {
    // Opening a link tells whether its token exists: counted like an attempt to accept, per IP even when signed out.
    await limitServerAction('invitations.accept', caller);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'rate_limited') throw error;
    return (
      <Frame title="Too many attempts">
        <p>{error.message}</p>
        <p>If your invitation link does not open, ask whoever sent it for a new one.</p>
      </Frame>
    );
  }
  const invitation = await previewInvitation(token);
  const returnHere = loginPath(`/invite/${token}`);

  // A token that matches nothing answers 404, with this folder's not-found.tsx.
  if (!invitation) notFound();

  const inviter = inviterName(invitation);
  if (invitation.status !== 'pending') {
    const reasons = {
      revoked: { title: 'This invitation was revoked', text: `${inviter} cancelled it, so the link no longer works.` },
      expired: { title: 'This invitation has expired', text: 'Invitation links work for 7 days.' },
      accepted: { title: 'This invitation was already used', text: 'Each link works once.' },
    } as const;
    const reason = reasons[invitation.status];
    return (
      <Frame title={reason.title} invitation={invitation}>
        <p>
          {reason.text}{' '}
          {invitation.status === 'accepted'
            ? `If you accepted it, find ${invitation.organization.name} in your dashboard.`
            : `Ask ${inviter} for a new invitation to ${invitation.organization.name}.`}
        </p>
        <Actions>
          <ButtonLink href="/dashboard" variant="primary">
            Go to your dashboard
          </ButtonLink>
        </Actions>
      </Frame>
    );
  }

  const summary = (
    <p>
      <strong className="font-semibold text-slate-900 dark:text-slate-100">{inviter}</strong> invited{' '}
      <strong className="font-semibold break-all text-slate-900 dark:text-slate-100">{invitation.email}</strong> to join{' '}
      <strong className="font-semibold text-slate-900 dark:text-slate-100">{invitation.organization.name}</strong> as{' '}
      <RoleBadge role={invitation.role} className="align-middle" />.
    </p>
  );

  if (!caller) {
    return (
      <Frame title={`Join ${invitation.organization.name}`} invitation={invitation}>
        {summary}
        <p>Sign in with the Google account for that email address to accept.</p>
        <Actions>
          <ButtonLink href={returnHere} variant="primary" size="lg" className="w-full">
            Sign in to accept
          </ButtonLink>
        </Actions>
      </Frame>
    );
  }

  if (!isSameEmail(caller.email, invitation.email)) {
    return (
      <Frame title="This invitation is for another account" invitation={invitation}>
        {summary}
        <p>
          You are signed in as <strong className="font-semibold break-all text-slate-900 dark:text-slate-100">{caller.email}</strong>. Sign
          in as {invitation.email} to accept it, or ask {inviter} to invite this address instead.
        </p>
        <Actions>
          <form action={switchAccountAction.bind(null, token)} className="w-full">
            <Button type="submit" variant="primary" size="lg" className="w-full" pendingText="Signing out…">
              Sign in with another account
            </Button>
          </form>
          <ButtonLink href="/dashboard" className="w-full">
            Go to your dashboard
          </ButtonLink>
        </Actions>
      </Frame>
    );
  }

  return (
    <Frame title={`Join ${invitation.organization.name}`} invitation={invitation}>
      {summary}
      <div className="pt-2">
        <AcceptForm token={token} organizationName={invitation.organization.name} />
      </div>
    </Frame>
  );
}

function inviterName(invitation: InvitationPreview): string {
  return invitation.invited_by?.name || invitation.invited_by?.email || 'An admin';
}
