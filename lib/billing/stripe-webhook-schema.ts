import { z } from 'zod';
import type { ApiOperation } from '@/lib/http/api-operation';

/*
 * Stripe's webhook endpoint as the API document describes it. The handler
 * (./stripe-webhook.ts) trusts only the signature over the raw bytes, never
 * this shape.
 */

/** For the API document: what Stripe POSTs. */
export const stripeEventSchema = z
  .looseObject({
    id: z.string().meta({ examples: ['evt_1PqRsT2uVwXyZ'] }),
    type: z.string().meta({ examples: ['customer.subscription.updated'] }),
    created: z.number().int(),
    data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
  })
  .meta({ id: 'StripeEvent', description: 'A Stripe event as Stripe sends it; its object is re-read from Stripe, not trusted' });

export const webhookReceiptSchema = z
  .object({
    received: z.literal(true),
    outcome: z.enum(['applied', 'duplicate', 'ignored']).describe('duplicate: this event id was applied before; ignored: a type we do not sync'),
  })
  .meta({ id: 'WebhookReceipt' });

export type WebhookOutcome = z.infer<typeof webhookReceiptSchema>['outcome'];

export const stripeWebhookOperations = {
  receive: { method: 'post', path: '/api/webhooks/stripe', summary: 'Stripe’s webhook endpoint: re-reads the customer’s subscriptions from Stripe; duplicates and unknown types are answered 200', who: 'Stripe (the Stripe-Signature header, no bearer token)', public: true, body: stripeEventSchema, response: { status: 200, schema: webhookReceiptSchema }, errors: ['invalid_signature', 'internal'] },
} as const satisfies Record<string, ApiOperation>;
