import type { Metadata } from 'next';
import { GoogleConnectButton } from '@/app/_components/google-connect-button';
import { EmptyState } from '@/app/_components/ui/empty-state';
import { PageHeader } from '@/app/_components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/app/_components/ui/table';
import { readInOrganization } from '@/lib/auth/page-access';
import { GoogleAccessError } from '@/lib/google/connections';
import { DRIVE_SCOPES, listRecentDriveFiles, type DriveFile } from '@/lib/google/drive';
import { GoogleUnavailableError } from '@/lib/google/google-oauth';
import { supabasePublicConfig } from '@/lib/supabase/public-config';
import type { Caller } from '@/lib/tenant/caller';
import { formatDateTime } from '../../_lib/format';

export const metadata: Metadata = { title: 'Google Drive' };

type DriveState = { kind: 'files'; files: DriveFile[] } | { kind: 'off' | 'not_connected' | 'disconnected' | 'unavailable' };

/**
 * The template for calling a Google API on the user's behalf: the signed-in
 * person's own recent Drive files, through getGoogleAccessToken (lib/google/),
 * with each state a founder's page must handle.
 */
export default async function GoogleDrivePage({ params }: PageProps<'/dashboard/[org]/google-drive'>) {
  const { org: slug } = await params;
  // Membership first (any role); the Drive call runs after, outside the tenant transaction.
  const caller = await readInOrganization(slug, 'member', async (scope) => scope.caller);
  const state = await readDrive(caller);
  const next = `/dashboard/${slug}/google-drive`;
  const connect = (label: string) => (
    <GoogleConnectButton config={supabasePublicConfig()} scopes={DRIVE_SCOPES} next={next} label={label} />
  );

  return (
    <div className="space-y-6">
      <PageHeader title="Google Drive" description="Your most recently changed Drive files, read with the access you granted." />
      {state.kind === 'off' && <EmptyState title="Google access is turned off">This deployment runs with GOOGLE_ACCESS=off.</EmptyState>}
      {state.kind === 'not_connected' && (
        <EmptyState title="Connect Google Drive" action={connect('Connect Google Drive')}>
          Allow read-only access to your Drive file list. You can remove it on your account page or in your Google account.
        </EmptyState>
      )}
      {state.kind === 'disconnected' && (
        <EmptyState title="Google access was removed" action={connect('Reconnect Google Drive')}>
          Google no longer accepts the access you granted (it was removed or expired). Reconnect to see your files.
        </EmptyState>
      )}
      {state.kind === 'unavailable' && <EmptyState title="Google is not answering">Try again in a moment.</EmptyState>}
      {state.kind === 'files' &&
        (state.files.length === 0 ? (
          <EmptyState title="No files yet">Files you create or change in Google Drive appear here.</EmptyState>
        ) : (
          <Table caption="Recent Drive files">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Last changed</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.files.map((file) => (
                <TableRow key={file.id}>
                  <TableCell className="break-words">{file.name}</TableCell>
                  <TableCell>{file.modifiedTime ? formatDateTime(file.modifiedTime) : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
    </div>
  );
}

async function readDrive(caller: Caller): Promise<DriveState> {
  try {
    return { kind: 'files', files: await listRecentDriveFiles(caller) };
  } catch (error) {
    if (error instanceof GoogleAccessError) return { kind: error.problem };
    if (error instanceof GoogleUnavailableError) return { kind: 'unavailable' };
    throw error;
  }
}
