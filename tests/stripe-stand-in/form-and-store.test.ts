import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseDuration } from '../../scripts/stripe-stand-in/clock';
import { decodeForm } from '../../scripts/stripe-stand-in/form';
import { startStripeStandIn } from '../../scripts/stripe-stand-in/server';
import { createStandInClient } from '../support/stripe-stand-in';

describe('form decoding', () => {
  it('reads nested keys and indexed arrays as stripe-node encodes them', () => {
    expect(decodeForm('metadata[org_id]=org_1&line_items[0][price]=price_a&line_items[0][quantity]=2&expand[0]=subscription')).toEqual({
      metadata: { org_id: 'org_1' },
      line_items: [{ price: 'price_a', quantity: '2' }],
      expand: ['subscription'],
    });
  });

  it('reads `[]` arrays and percent-encoded brackets, and keeps an empty value to unset a field', () => {
    expect(decodeForm('expand[]=a&expand[]=b&lookup_keys%5B0%5D=pro&description=')).toEqual({
      expand: ['a', 'b'],
      lookup_keys: ['pro'],
      description: '',
    });
  });
});

describe('persisted state', () => {
  it('keeps customers across a restart when given a data directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'stripe-stand-in-'));
    try {
      const first = await startStripeStandIn({ port: 0, dataDir, webhookUrl: null });
      const customer = await createStandInClient(first.port).customers.create({ email: 'kept@acme.test' });
      await first.close();
      expect(JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')).customers[customer.id]).toBeDefined();

      const second = await startStripeStandIn({ port: 0, dataDir, webhookUrl: null });
      const client = createStandInClient(second.port);
      expect((await client.customers.retrieve(customer.id)).id).toBe(customer.id);
      expect((await client.prices.list({ lookup_keys: ['pro_monthly'] })).data).toHaveLength(1);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('durations', () => {
  it('reads the CLI duration forms', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400);
    expect(parseDuration('12h')).toBe(43_200);
    expect(parseDuration('3600')).toBe(3600);
    expect(() => parseDuration('soon')).toThrow();
  });
});
