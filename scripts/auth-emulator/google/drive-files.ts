import { createHash } from 'node:crypto';

const SAMPLE_FILES = [
  { name: 'Quarterly plan', mimeType: 'application/vnd.google-apps.document' },
  { name: 'Customer list', mimeType: 'application/vnd.google-apps.spreadsheet' },
  { name: 'Pitch deck', mimeType: 'application/vnd.google-apps.presentation' },
  { name: 'Signed contract.pdf', mimeType: 'application/pdf' },
];

/** A few files per user, the same on every call, with ids that differ between users. */
export function driveFilesFor(userId: string, now: number) {
  return SAMPLE_FILES.map((file, index) => ({
    kind: 'drive#file',
    id: createHash('sha256').update(`${userId}:${index}`).digest('base64url').slice(0, 28),
    name: file.name,
    mimeType: file.mimeType,
    modifiedTime: new Date(now - (index + 1) * 86_400_000).toISOString(),
  }));
}
