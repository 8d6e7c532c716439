import { z } from 'zod';
import type { ApiOperation } from '@/lib/http/api-operation';

/** What one sweep did (lib/email/outbox.ts deliverDueEmails). */
export const deliveryReportSchema = z.object({
  sent: z.number().int(),
  retrying: z.number().int(),
  failed: z.number().int(),
});

const sweep = {
  path: '/api/cron/email',
  summary: 'Send every due email from the outbox, retrying failures with backoff; answers 404 when CRON_SECRET is not set',
  who: 'a scheduler (CRON_SECRET as a Bearer token, no user token)',
  // The bearer here is the cron secret, not a user's JWT, so the document's default security does not apply.
  public: true,
  response: { status: 200, schema: deliveryReportSchema },
  errors: ['unauthorized', 'not_found'],
} as const satisfies Omit<ApiOperation, 'method'>;

/** GET for Vercel Cron, POST for other schedulers; the route serves both. */
export const emailOperations = {
  sweepGet: { ...sweep, method: 'get' },
  sweepPost: { ...sweep, method: 'post' },
} as const satisfies Record<string, ApiOperation>;
