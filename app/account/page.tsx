import type { Metadata } from 'next';
import Link from 'next/link';
import { Avatar } from '@/app/_components/ui/avatar';
import { Button } from '@/app/_components/ui/button';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { Card } from '@/app/_components/ui/card';
import { PageHeader } from '@/app/_components/ui/page-header';
import { RoleBadge } from '@/app/_components/ui/role-badge';
import { accountDeletionConfirmation, organizationsBlockingDeletion } from '@/lib/account/delete-account';
import { getMe } from '@/lib/tenancy/me';
import { AppHeader } from '../dashboard/_components/app-header';
import { requireCaller } from '@/lib/auth/page-access';
import { signOut } from '../dashboard/actions';
import { DeleteAccountCard } from './delete-account-card';

export const metadata: Metadata = { title: 'Account' };

/**
 * The signed-in person: the profile Google gave us, their organizations,
 * sign-out and deleting the account. Outside /dashboard/[org] so no organization slug can shadow it.
 */
export default async function AccountPage() {
  const caller = await requireCaller('/account');
  const [me, blocking] = await Promise.all([getMe(caller), organizationsBlockingDeletion(caller)]);

  return (
    <div className="min-h-dvh bg-slate-50 dark:bg-slate-950">
      <AppHeader user={me.user} />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6 sm:py-10">
        <PageHeader
          title="Account"
          description="Your profile comes from your Google account; change it there."
          actions={<ButtonLink href="/dashboard">Go to dashboard</ButtonLink>}
        />

        <Card title="Profile">
          <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
            <Avatar src={me.user.avatar_url} name={me.user.name} email={me.user.email} size="xl" />
            <dl className="grid min-w-0 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
              <dt className="font-medium text-slate-500 dark:text-slate-400">Name</dt>
              <dd className="break-words text-slate-900 dark:text-slate-100">{me.user.name ?? '—'}</dd>
              <dt className="font-medium text-slate-500 dark:text-slate-400">Email</dt>
              <dd className="break-all text-slate-900 dark:text-slate-100">{me.user.email}</dd>
              <dt className="font-medium text-slate-500 dark:text-slate-400">Signed in with</dt>
              <dd className="text-slate-900 dark:text-slate-100">Google</dd>
            </dl>
          </div>
        </Card>

        <Card
          title="Organizations"
          description={me.organizations.length === 0 ? 'You are not a member of any organization yet.' : undefined}
          actions={
            <ButtonLink href="/dashboard?new=1" size="sm">
              Create organization
            </ButtonLink>
          }
        >
          {me.organizations.length > 0 && (
            <ul className="-my-3 divide-y divide-slate-200 dark:divide-slate-800">
              {me.organizations.map((organization) => (
                <li key={organization.id} className="flex items-center justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <Link
                      href={`/dashboard/${organization.slug}/projects`}
                      className="font-medium break-words text-slate-900 dark:text-slate-100 underline-offset-2 hover:underline"
                    >
                      {organization.name}
                    </Link>
                    <p className="truncate text-xs text-slate-500 dark:text-slate-400">/dashboard/{organization.slug}</p>
                  </div>
                  <RoleBadge role={organization.role} />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          title="Sign out"
          description="Ends your session on this device."
          actions={
            <form action={signOut}>
              <Button type="submit" variant="secondary" pendingText="Signing out…">
                Sign out
              </Button>
            </form>
          }
        />

        <DeleteAccountCard confirmation={accountDeletionConfirmation(caller)} blocking={blocking} />
      </main>
    </div>
  );
}
