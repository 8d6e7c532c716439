import { describe, expect, it } from 'vitest';
import { toFormState } from '@/lib/http/form-state';
import { parseEnv } from '@/lib/env';
import { clientIp, normalizeIp } from '@/lib/rate-limit/client-ip';
import { DEFAULT_RATE_LIMITS, parseRateLimitSetting } from '@/lib/rate-limit/limits';
import { tooManyRequests } from '@/lib/rate-limit/request-limits';

const headers = (values: Record<string, string>) => new Headers(values);
const direct = { trustedProxies: 0, onVercel: false };

describe('the client IP', () => {
  it('is unknown when the app is not told it sits behind a proxy: a forwarding header could be made up', () => {
    expect(clientIp(headers({ 'x-forwarded-for': '203.0.113.7', 'x-vercel-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7' }), direct)).toBeNull();
  });

  it('behind n proxies is the n-th address from the right of X-Forwarded-For, whatever the client put in front', () => {
    const forwarded = headers({ 'x-forwarded-for': '10.0.0.1, 192.0.2.99, 203.0.113.7, 198.51.100.2' });
    expect(clientIp(forwarded, { trustedProxies: 1, onVercel: false })).toBe('198.51.100.2');
    expect(clientIp(forwarded, { trustedProxies: 2, onVercel: false })).toBe('203.0.113.7');
    expect(clientIp(headers({ 'x-forwarded-for': '203.0.113.7' }), { trustedProxies: 2, onVercel: false })).toBe('203.0.113.7');
    expect(clientIp(headers({}), { trustedProxies: 1, onVercel: false })).toBeNull();
    expect(clientIp(headers({ 'x-forwarded-for': 'not-an-address' }), { trustedProxies: 1, onVercel: false })).toBeNull();
  });

  it('on Vercel is the address in Vercel’s own header', () => {
    expect(clientIp(headers({ 'x-vercel-forwarded-for': '203.0.113.7', 'x-forwarded-for': '192.0.2.1' }), { trustedProxies: 0, onVercel: true })).toBe('203.0.113.7');
  });

  it('counts IPv6 by its /64 and IPv4-mapped addresses as IPv4', () => {
    expect(normalizeIp('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(normalizeIp('2001:DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(normalizeIp('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64');
    expect(normalizeIp('::1')).toBe('0:0:0:0::/64');
    expect(normalizeIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('203.0.113.7:5123')).toBe('203.0.113.7');
    expect(normalizeIp('203.0.113.700')).toBeNull();
  });
});

describe('the RATE_LIMITS setting', () => {
  it('keeps the defaults when unset, and turns every limit off with `off`', () => {
    expect(parseRateLimitSetting(undefined)).toEqual(DEFAULT_RATE_LIMITS);
    const off = parseRateLimitSetting('off');
    expect(Object.values(off).every((limits) => limits.user === null && limits.ip === null)).toBe(true);
  });

  it('changes or turns off single limits and leaves the rest', () => {
    const table = parseRateLimitSetting('invitations.accept.ip=20/600, organizations.create.user=off');
    expect(table['invitations.accept'].ip).toEqual({ limit: 20, windowSeconds: 600 });
    expect(table['organizations.create'].user).toBeNull();
    expect(table['projects.write']).toEqual(DEFAULT_RATE_LIMITS['projects.write']);
  });

  it('stops the server at start when it cannot be read', () => {
    for (const setting of ['invitations.accept=5/60', 'nothing.user=5/60', 'projects.write.user=0/60', 'projects.write.user=5']) {
      expect(() => parseEnv({ LOCAL_MODE: '1', RATE_LIMITS: setting })).toThrow(/RATE_LIMITS has /);
    }
    expect(() => parseEnv({ LOCAL_MODE: '1', TRUSTED_PROXIES: 'yes' })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('a form refused by a rate limit', () => {
  it('shows a sentence that says when to try again', () => {
    expect(toFormState(tooManyRequests(90))).toMatchObject({ ok: false, code: 'rate_limited', message: 'Too many requests. Please try again in 2 minutes.' });
    expect(toFormState(tooManyRequests(1))).toMatchObject({ message: 'Too many requests. Please try again in 1 second.' });
  });
});
