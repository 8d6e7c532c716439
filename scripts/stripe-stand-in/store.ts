/**
 * All stand-in state in one JSON document: loaded at start, written after every
 * change. Writes go to a temporary file that is then renamed over the old one,
 * so a crash mid-write never leaves a half-written state behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type {
  CheckoutSessionObject,
  CheckoutSessionPlan,
  CustomerObject,
  DeletedObject,
  EventObject,
  InvoiceObject,
  PaymentMethodObject,
  PortalSessionObject,
  PriceObject,
  ProductObject,
  SubscriptionObject,
} from './objects';

export type CardBehaviour = 'succeeds' | 'charges_fail';

export interface IdempotencyRecord {
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  createdAt: number;
}

export interface StandInState {
  version: 1;
  clockOffsetSeconds: number;
  products: Record<string, ProductObject>;
  prices: Record<string, PriceObject>;
  customers: Record<string, CustomerObject | DeletedObject>;
  paymentMethods: Record<string, PaymentMethodObject>;
  checkoutSessions: Record<string, CheckoutSessionObject>;
  checkoutPlans: Record<string, CheckoutSessionPlan>;
  portalSessions: Record<string, PortalSessionObject>;
  subscriptions: Record<string, SubscriptionObject>;
  invoices: Record<string, InvoiceObject>;
  events: Record<string, EventObject>;
  /** How each saved test card behaves when charged later (4000…0341 attaches, then fails). */
  cardBehaviours: Record<string, CardBehaviour>;
  /** trial_end for which `customer.subscription.trial_will_end` was already sent, per subscription. */
  trialWillEndSentFor: Record<string, number>;
  idempotency: Record<string, IdempotencyRecord>;
  invoiceSequence: number;
}

export function emptyState(): StandInState {
  return {
    version: 1,
    clockOffsetSeconds: 0,
    products: {},
    prices: {},
    customers: {},
    paymentMethods: {},
    checkoutSessions: {},
    checkoutPlans: {},
    portalSessions: {},
    subscriptions: {},
    invoices: {},
    events: {},
    cardBehaviours: {},
    trialWillEndSentFor: {},
    idempotency: {},
    invoiceSequence: 0,
  };
}

export class Store {
  readonly state: StandInState;
  private readonly file: string | null;

  private constructor(state: StandInState, file: string | null) {
    this.state = state;
    this.file = file;
  }

  /** `dataDir: null` keeps everything in memory (tests). */
  static open(dataDir: string | null): Store {
    if (dataDir === null) return new Store(emptyState(), null);
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'state.json');
    if (!existsSync(file)) return new Store(emptyState(), file);
    let loaded: StandInState;
    try {
      loaded = JSON.parse(readFileSync(file, 'utf8')) as StandInState;
    } catch (error) {
      throw new Error(`Cannot read ${file} (${String(error)}). Delete it to start the Stripe stand-in with fresh state.`);
    }
    if (loaded.version !== 1) {
      throw new Error(`${file} was written by another stand-in version. Delete it to start fresh.`);
    }
    return new Store({ ...emptyState(), ...loaded }, file);
  }

  save(): void {
    if (this.file === null) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.file);
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** Lists are newest first; records keep insertion order, so reverse them. */
export function newestFirst<T>(records: Record<string, T>): T[] {
  return Object.values(records).reverse();
}
