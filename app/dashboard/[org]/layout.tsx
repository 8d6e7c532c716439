import { googleConfig } from '@/lib/google/config';
import { hasAtLeast } from '@/lib/tenant/roles';
import { readMe } from '@/lib/tenancy/me';
import { AppHeader } from '../_components/app-header';
import { OrganizationNav } from '../_components/organization-nav';
import { OrganizationSwitcher } from '../_components/organization-switcher';
import { RememberOrganization } from '../_components/remember-organization';
import { LayoutRole } from '../_components/role-sync';
import { readInOrganization } from '@/lib/auth/page-access';

/**
 * The shell of an organization's pages. The tabs a role cannot use are left
 * out here; each page checks the role again, so typing the URL gets a 403.
 */
export default async function OrganizationLayout({ params, children }: LayoutProps<'/dashboard/[org]'>) {
  const { org: slug } = await params;
  // The same membership check as every page: not a member and no such
  // organization look the same (404), and a slug the organization had until
  // lately leads to its new one.
  const { current, me } = await readInOrganization(slug, 'member', async ({ tx, caller, organization, membership }) => ({
    current: { slug: organization.slug, name: organization.name, role: membership.role },
    // The switcher's list and the header's name and avatar, in the same transaction.
    me: await readMe(tx, caller),
  }));

  const base = `/dashboard/${current.slug}`;
  const isAdmin = hasAtLeast(current.role, 'admin');
  const items = [
    { href: `${base}/projects`, label: 'Projects' },
    { href: `${base}/notes`, label: 'Notes' },
    { href: `${base}/members`, label: 'Members' },
    // Members see the plan read-only; only admins and owners can change it.
    { href: `${base}/billing`, label: 'Billing' },
    // The example of Google APIs on the user's behalf (lib/google/); remove it with the page.
    ...(googleConfig() ? [{ href: `${base}/google-drive`, label: 'Google Drive' }] : []),
    ...(isAdmin
      ? [
          { href: `${base}/settings`, label: 'Settings' },
          // api-keys: the organization's API keys (admins and owners manage them).
          { href: `${base}/api-keys`, label: 'API keys' },
          { href: `${base}/audit`, label: 'Audit log' },
        ]
      : []),
  ];

  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 dark:bg-slate-950">
      <AppHeader
        user={me.user}
        navigation={<OrganizationNav items={items} />}
      >
        <OrganizationSwitcher
          current={current}
          organizations={me.organizations.map(({ slug, name, role }) => ({ slug, name, role }))}
        />
      </AppHeader>
      <RememberOrganization slug={current.slug} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
        <LayoutRole role={current.role}>{children}</LayoutRole>
      </main>
    </div>
  );
}
