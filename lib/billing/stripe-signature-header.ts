import 'server-only';
import { AppError } from '@/lib/http/app-error';

/** Stripe's own default: a signature older than 5 minutes is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Several v1 entries while a secret is rolled, each 64 hex characters: far below this. */
const MAX_HEADER_LENGTH = 2048;

/**
 * Judges a Stripe-Signature header on its own, before a byte of the body is
 * read: it must look like `t=<unix seconds>,v1=<64 hex>[,v1=…][,v0=…]`, with a
 * timestamp within the tolerance either way (a stale one is a replay; one far
 * in the future was not made by Stripe's clock). Only such a header earns the
 * cost of reading the body and checking the signature over it.
 */
export function assertWellFormedStripeSignature(header: string | null, nowSeconds = Math.floor(Date.now() / 1000)): string {
  if (!header) throw new AppError('invalid_signature', 'The Stripe-Signature header is missing.');
  if (header.length > MAX_HEADER_LENGTH) throw malformed();
  let timestamp: number | undefined;
  let hasV1 = false;
  for (const item of header.split(',')) {
    const separator = item.indexOf('=');
    if (separator <= 0) throw malformed();
    const key = item.slice(0, separator).trim();
    const value = item.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) throw malformed();
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) throw malformed();
      hasV1 = true;
    }
  }
  if (timestamp === undefined || !hasV1) throw malformed();
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new AppError('invalid_signature', 'The Stripe-Signature timestamp is outside the 5-minute tolerance.');
  }
  return header;
}

function malformed(): AppError {
  return new AppError('invalid_signature', 'The Stripe-Signature header is not of the form t=…,v1=….');
}
