/**
 * Signs events exactly as Stripe does and delivers them to one endpoint.
 *
 * Signature: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`,
 * keyed with the whole `whsec_…` string. The timestamp is wall time, not the
 * stand-in's movable clock, because receivers reject signatures older than five
 * minutes (`constructEvent`'s tolerance) and an advanced clock must not look
 * like a replay.
 *
 * Delivery: one at a time, in the order events happened, so a first attempt
 * arrives in order. Anything but a 2xx (3xx included, as at Stripe) or no answer
 * within the timeout is retried on the backoff schedule, signed anew each time.
 */
import { createHmac } from 'node:crypto';

export function signWebhookPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export interface WebhookDeliveryOptions {
  url: string | null;
  secret: string;
  retryDelaysMs: number[];
  timeoutMs?: number;
  /** Serialises the event at send time, so retries carry its current `pending_webhooks`. */
  payloadFor(eventId: string): string | null;
  onDelivered(eventId: string): void;
  log(line: string): void;
}

interface Delivery {
  eventId: string;
  attempt: number;
}

export class WebhookDeliverer {
  private readonly queue: Delivery[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private inFlight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: WebhookDeliveryOptions) {}

  get isEnabled(): boolean {
    return this.options.url !== null;
  }

  enqueue(eventId: string): void {
    if (!this.isEnabled || this.closed) return;
    this.queue.push({ eventId, attempt: 1 });
    this.pump();
  }

  /** Resolves once nothing is queued or being sent (scheduled retries do not count). */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === null) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.queue.length = 0;
    this.abort?.abort();
    await this.inFlight;
  }

  private pump(): void {
    if (this.inFlight !== null || this.closed) return;
    const next = this.queue.shift();
    if (next === undefined) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    this.inFlight = this.send(next).finally(() => {
      this.inFlight = null;
      this.pump();
    });
  }

  private async send(delivery: Delivery): Promise<void> {
    const url = this.options.url;
    const payload = this.options.payloadFor(delivery.eventId);
    if (url === null || payload === null) return;
    const header = signWebhookPayload(payload, this.options.secret, Math.floor(Date.now() / 1000));
    this.abort = new AbortController();
    const timeout = setTimeout(() => this.abort?.abort(), this.options.timeoutMs ?? 10_000);
    let outcome: string;
    let delivered = false;
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: this.abort.signal,
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
      this.abort = null;
    }
    if (this.closed) return;
    if (delivered) {
      this.options.onDelivered(delivery.eventId);
      this.options.log(`webhook ${delivery.eventId} delivered (${outcome})`);
      return;
    }
    const delay = this.options.retryDelaysMs[delivery.attempt - 1];
    if (delay === undefined) {
      this.options.log(`webhook ${delivery.eventId} failed (${outcome}); giving up after ${delivery.attempt} attempts`);
      return;
    }
    this.options.log(`webhook ${delivery.eventId} failed (${outcome}); retrying in ${delay} ms`);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (this.closed) return;
      this.queue.push({ eventId: delivery.eventId, attempt: delivery.attempt + 1 });
      this.pump();
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }
}
