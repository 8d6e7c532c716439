import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';

/**
 * The sweep route is for a scheduler (Vercel Cron sends
 * `Authorization: Bearer $CRON_SECRET`). Compared in constant time over
 * hashes, so neither the secret nor its length leaks through timing. Without
 * CRON_SECRET the route does not exist for anyone.
 */
export function assertCronRequest(request: Request): void {
  const secret = env().CRON_SECRET;
  if (!secret) throw new AppError('not_found', 'Not found');
  const presented = request.headers.get('authorization')?.match(/^Bearer (.+)$/)?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!timingSafeEqual(digest(presented), digest(secret))) throw new AppError('unauthorized', 'A valid cron secret is required.');
}
