import { assertWellFormedStripeSignature } from '@/lib/billing/stripe-signature-header';
import { assertBillingEnabled } from '@/lib/billing/stripe-client';
import { handleStripeWebhook, MAX_WEBHOOK_BODY_BYTES } from '@/lib/billing/stripe-webhook';
import { errorResponse } from '@/lib/http/error-response';
import { readBodyWithLimit } from '@/lib/http/read-body';

export const dynamic = 'force-dynamic';

/**
 * Stripe's webhook endpoint. Not user-authenticated: the signature over the
 * raw body is the authentication, so the body is read as bytes, never parsed
 * first, and only after the header looks like Stripe's, up to a size Stripe
 * never sends. 400 for a bad signature, 413 for a body too large, 200 for
 * applied / duplicate / ignored events, 500 for a failure of ours so that
 * Stripe retries.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    assertBillingEnabled();
    const signature = assertWellFormedStripeSignature(request.headers.get('stripe-signature'));
    const rawBody = await readBodyWithLimit(request, MAX_WEBHOOK_BODY_BYTES);
    const outcome = await handleStripeWebhook(rawBody, signature);
    return Response.json({ received: true, outcome });
  } catch (error) {
    return errorResponse(error, undefined, request);
  }
}
