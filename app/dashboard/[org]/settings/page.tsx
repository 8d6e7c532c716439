import type { Metadata } from 'next';
import { Card } from '@/app/_components/ui/card';
import { PageHeader } from '@/app/_components/ui/page-header';
import { readInOrganization } from '@/lib/auth/page-access';
import { ArrivalToast } from '../../_components/arrival-toast';
import { RoleSync } from '../../_components/role-sync';
import { DeleteOrganizationButton, OrganizationSettingsForm } from './settings-forms';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params, searchParams }: PageProps<'/dashboard/[org]/settings'>) {
  const { org: slug } = await params;
  const { renamed } = await searchParams;
  const { organization, role } = await readInOrganization(slug, 'admin', async (scope) => ({
    organization: scope.organization,
    role: scope.membership.role,
  }));

  return (
    <div className="space-y-8">
      <RoleSync role={role} />
      {renamed !== undefined && <ArrivalToast title="Settings saved" description={`The organization now lives at /dashboard/${organization.slug}.`} />}
      <PageHeader title="Settings" description={`The name and address of ${organization.name}.`} />
      <OrganizationSettingsForm slug={organization.slug} name={organization.name} />
      {role === 'owner' ? (
        <Card
          tone="danger"
          title="Delete organization"
          description="Deletes the organization with all its projects, members, invitations and audit log, and cancels its subscription. This cannot be undone."
          actions={<DeleteOrganizationButton slug={organization.slug} name={organization.name} />}
        />
      ) : (
        <Card title="Delete organization" description="Only an owner can delete this organization." />
      )}
    </div>
  );
}
