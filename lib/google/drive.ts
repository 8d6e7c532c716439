import 'server-only';
import { z } from 'zod';
import type { Caller } from '@/lib/tenant/caller';
import { googleConfig } from './config';
import { getGoogleAccessToken, GoogleAccessError } from './connections';
import { GoogleUnavailableError } from './google-oauth';

/** Enough to list file names and dates; the smallest Drive scope that does. */
export const DRIVE_SCOPES = ['https://www.googleapis.com/auth/drive.metadata.readonly'] as const;

const filesResponse = z.object({
  files: z.array(z.object({ id: z.string(), name: z.string(), mimeType: z.string(), modifiedTime: z.string().optional() })).default([]),
});

export type DriveFile = z.infer<typeof filesResponse>['files'][number];

/**
 * The user's most recently modified Drive files: the pattern for any Google
 * API call. A 401 means Google no longer takes the token it gave (expired by
 * its clock, or revoked), so one fresh token is tried before giving up.
 */
export async function listRecentDriveFiles(caller: Caller): Promise<DriveFile[]> {
  const config = googleConfig();
  if (!config) throw new GoogleAccessError('off');
  const url = new URL(config.driveFilesUrl);
  url.searchParams.set('orderBy', 'modifiedTime desc');
  url.searchParams.set('pageSize', '10');
  url.searchParams.set('fields', 'files(id,name,mimeType,modifiedTime)');

  let token = await getGoogleAccessToken(caller, DRIVE_SCOPES);
  let response = await callDrive(url, token);
  if (response.status === 401) {
    token = await getGoogleAccessToken(caller, DRIVE_SCOPES, token);
    response = await callDrive(url, token);
  }
  const parsed = filesResponse.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) throw new GoogleUnavailableError(`Drive answered ${response.status}`);
  return parsed.data.files;
}

async function callDrive(url: URL, token: string) {
  try {
    return await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000), cache: 'no-store' });
  } catch (error) {
    throw new GoogleUnavailableError('Drive could not be reached', { cause: error });
  }
}
