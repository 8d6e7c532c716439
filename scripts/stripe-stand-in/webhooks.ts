/**
 * Signs events exactly as Stripe does and delivers them to one endpoint.
 *
 * Signature: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`,
 * keyed with the whole `whsec_…` string. The timestamp is wall time, not the
 * stand-in's movable clock, because receivers reject signatures older than five
 * minutes (`constructEvent`'s tolerance) and an advanced clock must not look
 * like a replay.
 *
 * Delivery, by default, is what Stripe does: concurrent and unordered. Each
 * event waits a random jitter before it is sent, several are in flight at once,
 * and nothing waits for an earlier event's answer, so `checkout.session.completed`
 * can beat `customer.subscription.created`. `order: 'strict'` sends one at a
 * time in the order events happened, for debugging. A held event type is kept
 * back until released, to play through "this event came last" on purpose.
 *
 * Anything but a 2xx (3xx included, as at Stripe) or no answer within the
 * timeout is retried on the backoff schedule, signed anew each time.
 */
import { createHmac } from 'node:crypto';

export function signWebhookPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export type WebhookOrder = 'concurrent' | 'strict';

/** Enough jitter that a burst (one checkout sends about nine events) arrives shuffled, little enough not to feel slow. */
export const DEFAULT_WEBHOOK_JITTER_MS = 250;
/** How many deliveries may be in flight at once in concurrent order. */
const MAX_IN_FLIGHT = 8;

export interface WebhookDeliverySettings {
  order: WebhookOrder;
  /** Upper bound of the random wait before each concurrent delivery (ms). */
  maxJitterMs: number;
  /** Event types kept back until released. */
  holdTypes: string[];
}

export interface WebhookDeliveryOptions extends Partial<WebhookDeliverySettings> {
  url: string | null;
  secret: string;
  retryDelaysMs: number[];
  timeoutMs?: number;
  /** Source of jitter; `Math.random` unless a test wants a fixed sequence. */
  random?: () => number;
  /** Serialises the event at send time, so retries carry its current `pending_webhooks`. */
  payloadFor(eventId: string): string | null;
  onDelivered(eventId: string): void;
  log(line: string): void;
}

interface Delivery {
  eventId: string;
  type: string;
  attempt: number;
}

export class WebhookDeliverer {
  private settings: WebhookDeliverySettings;
  /** Ready to send (strict order: the line; concurrent: waiting for a free slot). */
  private readonly queue: Delivery[] = [];
  private readonly held: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Map<Promise<void>, AbortController>();
  /** Deliveries waiting out their jitter. */
  private pendingJitter = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: WebhookDeliveryOptions) {
    this.settings = {
      order: options.order ?? 'concurrent',
      maxJitterMs: options.maxJitterMs ?? DEFAULT_WEBHOOK_JITTER_MS,
      holdTypes: [...(options.holdTypes ?? [])],
    };
  }

  get isEnabled(): boolean {
    return this.options.url !== null;
  }

  get currentSettings(): WebhookDeliverySettings & { held: { id: string; type: string }[] } {
    return {
      ...this.settings,
      holdTypes: [...this.settings.holdTypes],
      held: this.held.map((delivery) => ({ id: delivery.eventId, type: delivery.type })),
    };
  }

  configure(change: Partial<Pick<WebhookDeliverySettings, 'order' | 'maxJitterMs'>>): void {
    if (change.order !== undefined) this.settings.order = change.order;
    if (change.maxJitterMs !== undefined) this.settings.maxJitterMs = change.maxJitterMs;
    this.pump();
  }

  /** From now on, events of these types wait until `release`. */
  hold(types: string[]): void {
    for (const type of types) if (!this.settings.holdTypes.includes(type)) this.settings.holdTypes.push(type);
  }

  /** Stops holding `types` (all when omitted) and sends what was held of them; returns the released event ids. */
  release(types?: string[]): string[] {
    const matches = (type: string) => types === undefined || types.includes(type);
    this.settings.holdTypes = this.settings.holdTypes.filter((type) => !matches(type));
    const released: Delivery[] = [];
    for (let index = this.held.length - 1; index >= 0; index--) {
      const delivery = this.held[index];
      if (delivery && matches(delivery.type)) released.unshift(...this.held.splice(index, 1));
    }
    for (const delivery of released) this.schedule(delivery);
    return released.map((delivery) => delivery.eventId);
  }

  enqueue(eventId: string, type: string): void {
    if (!this.isEnabled || this.closed) return;
    const delivery = { eventId, type, attempt: 1 };
    if (this.settings.holdTypes.includes(type)) {
      this.held.push(delivery);
      return;
    }
    this.schedule(delivery);
  }

  /** Resolves once nothing is waiting, queued or being sent (held events and scheduled retries do not count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.held.length = 0;
    for (const controller of this.inFlight.values()) controller.abort();
    await Promise.allSettled([...this.inFlight.keys()]);
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlight.size === 0 && this.pendingJitter === 0;
  }

  private schedule(delivery: Delivery): void {
    if (this.settings.order === 'strict' || this.settings.maxJitterMs <= 0) {
      this.queue.push(delivery);
      this.pump();
      return;
    }
    const random = this.options.random ?? Math.random;
    const jitter = Math.floor(random() * this.settings.maxJitterMs);
    this.pendingJitter += 1;
    this.later(jitter, () => {
      this.pendingJitter -= 1;
      this.queue.push(delivery);
      this.pump();
    });
  }

  private later(delayMs: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) work();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private pump(): void {
    if (this.closed) return;
    const limit = this.settings.order === 'strict' ? 1 : MAX_IN_FLIGHT;
    while (this.inFlight.size < limit) {
      const next = this.queue.shift();
      if (next === undefined) break;
      const controller = new AbortController();
      const sending: Promise<void> = this.send(next, controller).finally(() => {
        this.inFlight.delete(sending);
        this.pump();
      });
      this.inFlight.set(sending, controller);
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async send(delivery: Delivery, controller: AbortController): Promise<void> {
    const url = this.options.url;
    const payload = this.options.payloadFor(delivery.eventId);
    if (url === null || payload === null) return;
    const header = signWebhookPayload(payload, this.options.secret, Math.floor(Date.now() / 1000));
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 10_000);
    let outcome: string;
    let delivered = false;
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': header,
        },
        body: payload,
      });
      await response.arrayBuffer().catch(() => undefined);
      delivered = response.status >= 200 && response.status < 300;
      outcome = `HTTP ${response.status}`;
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timeout);
    }
    if (this.closed) return;
    if (delivered) {
      this.options.onDelivered(delivery.eventId);
      this.options.log(`webhook ${delivery.eventId} ${delivery.type} delivered (${outcome})`);
      return;
    }
    const delay = this.options.retryDelaysMs[delivery.attempt - 1];
    if (delay === undefined) {
      this.options.log(`webhook ${delivery.eventId} ${delivery.type} failed (${outcome}); giving up after ${delivery.attempt} attempts`);
      return;
    }
    this.options.log(`webhook ${delivery.eventId} ${delivery.type} failed (${outcome}); retrying in ${delay} ms`);
    this.later(delay, () => {
      this.queue.push({ ...delivery, attempt: delivery.attempt + 1 });
      this.pump();
    });
  }
}
