import { handleStripeWebhook } from '@/lib/billing/stripe-webhook';
import { errorResponse } from '@/lib/http/error-response';

export const dynamic = 'force-dynamic';

/**
 * Stripe's webhook endpoint. Not user-authenticated: the signature over the
 * raw body is the authentication, so the body is read as bytes, never parsed
 * first. 400 for a bad signature, 200 for applied / duplicate / ignored
 * events, 500 for a failure of ours so that Stripe retries.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const rawBody = Buffer.from(await request.arrayBuffer());
    const outcome = await handleStripeWebhook(rawBody, request.headers.get('stripe-signature'));
    return Response.json({ received: true, outcome });
  } catch (error) {
    return errorResponse(error);
  }
}
