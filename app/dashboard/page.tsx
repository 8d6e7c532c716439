import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { Avatar } from '@/app/_components/ui/avatar';
import { Button } from '@/app/_components/ui/button';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { Card } from '@/app/_components/ui/card';
import { RoleBadge } from '@/app/_components/ui/role-badge';
import { listMyPendingInvitations } from '@/lib/tenancy/invitations';
import { getMe } from '@/lib/tenancy/me';
import { AcceptInvitationButton } from './_components/accept-invitation-button';
import { AppHeader } from './_components/app-header';
import { CreateOrganizationForm } from './_components/create-organization-form';
import { formatRelative } from './_lib/format';
import { LAST_ORGANIZATION_COOKIE } from './_lib/last-organization';
import { requireCaller } from '@/lib/auth/page-access';
import { signOut } from './actions';

export const metadata: Metadata = { title: 'Dashboard' };

/**
 * Where sign-in lands: the organization used last, or for someone without
 * one, a short onboarding (create an organization, or accept an invitation
 * sent to their email). `?new=1` shows the creation form to members too.
 */
export default async function DashboardPage({ searchParams }: PageProps<'/dashboard'>) {
  const caller = await requireCaller('/dashboard');
  const isCreating = (await searchParams).new !== undefined;
  const [me, invitations] = await Promise.all([getMe(caller), listMyPendingInvitations(caller)]);

  if (me.organizations.length > 0 && !isCreating) {
    const remembered = (await cookies()).get(LAST_ORGANIZATION_COOKIE)?.value;
    const organization = me.organizations.find((candidate) => candidate.slug === remembered) ?? me.organizations[0]!;
    redirect(`/dashboard/${organization.slug}/projects`);
  }

  const name = me.user.name || me.user.email || 'there';
  const hasOrganizations = me.organizations.length > 0;

  return (
    <div className="min-h-dvh bg-slate-50 dark:bg-slate-950">
      <AppHeader user={me.user} />
      <main id="main" className="mx-auto max-w-2xl space-y-6 px-4 py-8 sm:px-6 sm:py-12">
        {hasOrganizations ? (
          <div>
            <ButtonLink href="/dashboard" variant="ghost" size="sm" className="-ml-3">
              <span aria-hidden="true">←</span> Back to your organizations
            </ButtonLink>
            <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">Create an organization</h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Each organization has its own members, projects and billing.</p>
          </div>
        ) : (
          <section className="flex flex-col gap-4 sm:flex-row sm:items-center">
            <Avatar src={me.user.avatar_url} name={me.user.name} email={me.user.email} size="xl" />
            <div className="min-w-0">
              <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900 dark:text-slate-100">Welcome, {name}</h1>
              <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Signed in as <span className="font-medium break-all text-slate-900 dark:text-slate-100">{me.user.email}</span>.{' '}
                <span className="inline-flex items-center gap-1">
                  Not you?
                  <form action={signOut} className="inline">
                    <Button type="submit" variant="ghost" size="sm" className="-my-1 px-1.5 text-brand-700 dark:text-brand-300 underline">
                      Sign out
                    </Button>
                  </form>
                </span>
              </div>
            </div>
          </section>
        )}

        {invitations.length > 0 && (
          <Card
            title="Invitations for you"
            description={`Organizations that invited ${me.user.email}. Accepting makes you a member right away.`}
          >
            <ul className="-my-3 divide-y divide-slate-200 dark:divide-slate-800">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900 dark:text-slate-100">
                      <span className="break-words">{invitation.organization.name}</span>
                      <RoleBadge role={invitation.role} />
                    </p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {invitation.invited_by?.name || invitation.invited_by?.email
                        ? `Invited by ${invitation.invited_by.name || invitation.invited_by.email}`
                        : 'Invited'}{' '}
                      · expires {formatRelative(invitation.expires_at)}
                    </p>
                  </div>
                  <AcceptInvitationButton invitationId={invitation.id} organizationName={invitation.organization.name} />
                </li>
              ))}
            </ul>
          </Card>
        )}

        <Card
          title={hasOrganizations ? 'New organization' : invitations.length > 0 ? 'Or create your own organization' : 'Create your organization'}
          description={
            hasOrganizations
              ? undefined
              : 'An organization holds your team’s projects. You will be its owner and can invite others next.'
          }
        >
          <CreateOrganizationForm />
        </Card>
      </main>
    </div>
  );
}
