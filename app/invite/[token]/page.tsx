import type { Metadata } from 'next';
import { Logo } from '@/app/_components/logo';
import { Button } from '@/app/_components/ui/button';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { RoleBadge } from '@/app/_components/ui/role-badge';
import { getCurrentCaller } from '@/lib/auth/current-caller';
import { previewInvitation, type InvitationPreview } from '@/lib/tenancy/invitations';
import { isSameEmail } from '@/lib/tenancy/email-address';
import { AcceptForm } from './accept-form';
import { switchAccountAction } from './actions';

export const metadata: Metadata = { title: 'Invitation', robots: { index: false } };

/**
 * An invitation link: which organization, who sent it, and a way in. Works
 * signed out (sign-in comes back here), and says plainly why a link no
 * longer works or is meant for another account.
 */
export default async function InvitationPage({ params }: PageProps<'/invite/[token]'>) {
  const { token } = await params;
  const [invitation, caller] = await Promise.all([previewInvitation(token), getCurrentCaller()]);
  const returnHere = `/login?next=${encodeURIComponent(`/invite/${token}`)}`;

  if (!invitation) {
    return (
      <Frame title="This invitation link does not work">
        <p>The link is incomplete or was never valid. Check that you copied all of it, or ask for a new invitation.</p>
        <Actions>
          <ButtonLink href="/dashboard" variant="primary">
            Go to your dashboard
          </ButtonLink>
        </Actions>
      </Frame>
    );
  }

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
      <strong className="font-semibold text-slate-900">{inviter}</strong> invited{' '}
      <strong className="font-semibold break-all text-slate-900">{invitation.email}</strong> to join{' '}
      <strong className="font-semibold text-slate-900">{invitation.organization.name}</strong> as{' '}
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
          You are signed in as <strong className="font-semibold break-all text-slate-900">{caller.email}</strong>. Sign
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

function Frame({ title, invitation, children }: { title: string; invitation?: InvitationPreview; children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh items-start justify-center bg-slate-50 px-4 py-12 sm:items-center">
      <div className="w-full max-w-md">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          {invitation && (
            <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">Invitation · {invitation.organization.name}</p>
          )}
          <h1 className="mt-2 text-xl font-semibold break-words text-slate-900">{title}</h1>
          <div className="mt-3 space-y-3 text-sm leading-6 text-slate-600">{children}</div>
        </div>
      </div>
    </main>
  );
}

function Actions({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-col gap-3 pt-3">{children}</div>;
}
