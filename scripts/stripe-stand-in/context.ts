/**
 * What every resource function works with: the state, the clock, the public
 * base URL (for hosted page links), and `emit`, which records an event and
 * hands it to webhook delivery.
 */
import { API_VERSION } from './api-version';
import type { Clock } from './clock';
import type { EventObject } from './objects';
import { newId, type Store, type StandInState } from './store';

export interface ApiRequestInfo {
  id: string;
  idempotencyKey: string | null;
}

export interface EventSink {
  enqueue(eventId: string, type: string): void;
  readonly isEnabled: boolean;
}

export class StandInContext {
  /** Set while an API request runs, so its events name the request (as Stripe's do). */
  currentRequest: ApiRequestInfo | null = null;
  /** While true (seeding the catalog at start), changes produce no events. */
  eventsMuted = false;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly baseUrl: string,
    private readonly sink: EventSink,
  ) {}

  get state(): StandInState {
    return this.store.state;
  }

  emit(type: string, object: object, previousAttributes?: Record<string, unknown>): EventObject | null {
    if (this.eventsMuted) {
      this.store.save();
      return null;
    }
    const event: EventObject = {
      id: newId('evt_'),
      object: 'event',
      api_version: API_VERSION,
      created: this.clock.now(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes && Object.keys(previousAttributes).length > 0
          ? { previous_attributes: previousAttributes }
          : {}),
      },
      livemode: false,
      pending_webhooks: this.sink.isEnabled ? 1 : 0,
      request: this.currentRequest
        ? { id: this.currentRequest.id, idempotency_key: this.currentRequest.idempotencyKey }
        : { id: null, idempotency_key: null },
      type,
    };
    this.state.events[event.id] = event;
    this.store.save();
    this.sink.enqueue(event.id, event.type);
    return event;
  }
}

/**
 * What changed, with the old values: Stripe's `previous_attributes`. Within a
 * plain hash (metadata, cancellation_details, invoice_settings…) only the keys
 * that changed appear, a key that did not exist before as `null`; lists and
 * embedded objects (anything with an `object` field) appear whole.
 */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  return changedKeys(before as Record<string, unknown>, after as Record<string, unknown>);
}

function isPlainHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('object' in value);
}

function changedKeys(old: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(current)])) {
    const was = old[key];
    const now = current[key];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    changed[key] = isPlainHash(was) && isPlainHash(now) ? changedKeys(was, now) : was === undefined ? null : structuredClone(was);
  }
  return changed;
}
