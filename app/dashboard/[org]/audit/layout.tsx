import { readInOrganization } from '@/lib/auth/page-access';

/**
 * The admin check, before this page's loading.tsx: a forbidden() thrown
 * inside that boundary comes after the skeleton was sent, and would answer
 * 200 instead of 403. The page checks again, as every page does.
 */
export default async function AuditLogLayout({ params, children }: LayoutProps<'/dashboard/[org]/audit'>) {
  const { org: slug } = await params;
  await readInOrganization(slug, 'admin', async () => null);
  return children;
}
