import { redirect } from 'next/navigation';

export default async function OrganizationPage({ params }: PageProps<'/dashboard/[org]'>) {
  const { org } = await params;
  redirect(`/dashboard/${org}/projects`);
}
