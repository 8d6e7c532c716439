/**
 * Stripe's idempotency contract for POSTs. stripe-node sends an
 * `Idempotency-Key` on every POST and reuses it when it retries, so a replay
 * must return the first answer (with `Idempotent-Replayed: true`) instead of
 * creating a second object. Results are kept only once an endpoint started
 * work: parameter errors (400/401/404) are not remembered, as at Stripe.
 */
import { invalidRequest, StripeApiError } from './errors';
import type { FormParams } from './form';
import type { IdempotencyRecord, StandInState } from './store';

const KEEP_SECONDS = 24 * 60 * 60;
const MAX_KEY_LENGTH = 255;

export type IdempotencyOutcome = { kind: 'new' } | { kind: 'replay'; record: IdempotencyRecord };

export function fingerprint(params: FormParams): string {
  return JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

export function checkIdempotencyKey(
  state: StandInState,
  key: string,
  method: string,
  path: string,
  params: FormParams,
): IdempotencyOutcome {
  if (key.length > MAX_KEY_LENGTH) {
    throw invalidRequest(`Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters long.`, 'Idempotency-Key');
  }
  const record = state.idempotency[key];
  if (record === undefined) return { kind: 'new' };
  if (record.method !== method || record.path !== path) {
    throw new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${record.method} ${record.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  if (record.fingerprint !== fingerprint(params)) {
    throw new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  return { kind: 'replay', record };
}

export function shouldRemember(status: number): boolean {
  return status < 400 || status === 402 || status >= 500;
}

export function rememberResult(
  state: StandInState,
  key: string,
  record: Omit<IdempotencyRecord, 'createdAt'>,
): void {
  const now = Math.floor(Date.now() / 1000);
  for (const [storedKey, stored] of Object.entries(state.idempotency)) {
    if (stored.createdAt < now - KEEP_SECONDS) delete state.idempotency[storedKey];
  }
  state.idempotency[key] = { ...record, createdAt: now };
}
