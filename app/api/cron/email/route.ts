import { assertCronRequest } from '@/lib/email/cron-request';
import { deliverDueEmails } from '@/lib/email/outbox';
import { errorResponse } from '@/lib/http/error-response';

export const dynamic = 'force-dynamic';

/** The retry sweep: sends every due email (CRON_SECRET as a Bearer token). GET for Vercel Cron, POST for other schedulers. */
async function sweep(request: Request): Promise<Response> {
  try {
    assertCronRequest(request);
    return Response.json(await deliverDueEmails({ batch: 200 }), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, undefined, request);
  }
}

export const GET = sweep;
export const POST = sweep;
