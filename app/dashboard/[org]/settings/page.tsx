import type { Metadata } from 'next';
import { Card } from '@/app/_components/ui/card';
import { PageHeader } from '@/app/_components/ui/page-header';
import { readInOrganization } from '../../_lib/organization-access';
import { DeleteOrganizationButton, OrganizationSettingsForm, SlugChangedToast } from './settings-forms';

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
      {renamed !== undefined && <SlugChangedToast slug={organization.slug} />}
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
