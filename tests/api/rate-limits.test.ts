import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthEmulator, type AuthEmulator } from '@/scripts/auth-emulator/server';
import { signInWithEmulator } from '../support/auth-emulator';
import { attemptAs, makeCaller, ownerRows } from '../support/callers';
import type { TestDatabase } from '../support/test-database';
import { as, call, useTestEnvironment, type ApiResponse } from './harness';

/*
 * Rate limits, through the real route handlers and the real counters in the
 * database. Each limit a test exercises is set tight here with RATE_LIMITS,
 * as an operator would; the defaults are far above anything a test does.
 * TRUSTED_PROXIES=1 says a proxy appends the caller's address to
 * X-Forwarded-For, so tests can come "from" different addresses.
 */

let emulator: AuthEmulator;
let database: TestDatabase;
let limiter: typeof import('@/lib/rate-limit/limiter');
type User = { token: string; id: string; email: string };
let ada: User, bob: User, cara: User;

async function signIn(email: string, name: string): Promise<User> {
  const session = await signInWithEmulator(emulator.url, { email, name });
  return { token: session.accessToken, id: session.userId, email };
}

/** The API's answer to a request that went through a proxy which appended `ip`. */
function fromIp(ip: string, token?: string) {
  const headers = { 'x-forwarded-for': ip };
  return {
    post: (path: string, body?: unknown, extra: Record<string, string> = {}) =>
      call('POST', path, { token, body, headers: { ...headers, ...extra } }),
  };
}

function expectRateLimited(response: ApiResponse, windowSeconds: number) {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^Too many requests\. Please try again in \d+ (second|minute)s?\.$/) } });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

const count = async (table: string) =>
  Number((await ownerRows<{ count: number }>(database, sql`select count(*)::integer as count from ${sql.identifier(table)}`))[0]!.count);

beforeAll(async () => {
  emulator = await startAuthEmulator({ port: 0, dataDir: null });
  database = await useTestEnvironment(emulator.url, {
    TRUSTED_PROXIES: '1',
    RATE_LIMITS: [
      'organizations.create.user=3/3600',
      'invitations.accept.user=4/600',
      'invitations.accept.ip=5/600',
      'projects.write.user=2/1',
    ].join(','),
  });
  limiter = await import('@/lib/rate-limit/limiter');
  [ada, bob, cara] = [
    await signIn('ada@example.com', 'Ada'),
    await signIn('bob@example.com', 'Bob'),
    await signIn('cara@example.com', 'Cara'),
  ];
});

afterAll(async () => {
  await database?.dispose();
  await emulator?.close();
});

describe('per user', () => {
  it('a burst of new organizations is cut off with 429 and Retry-After, and nothing more is created', async () => {
    for (let index = 1; index <= 3; index++) {
      expect((await as(ada.token).post('/api/v1/orgs', { name: `Burst ${index}` })).status).toBe(201);
    }
    const before = await count('organizations');
    const refused = await as(ada.token).post('/api/v1/orgs', { name: 'One too many' });
    expectRateLimited(refused, 3600);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await count('organizations')).toBe(before);
  });

  it('another user is not affected by the first one’s limit, even from the same address', async () => {
    for (let index = 1; index <= 3; index++) {
      expect((await fromIp('198.51.100.1', ada.token).post('/api/v1/orgs', { name: `Again ${index}` })).status).toBe(429);
    }
    expect((await fromIp('198.51.100.1', bob.token).post('/api/v1/orgs', { name: 'Bobco' })).status).toBe(201);
  });

  it('trying invitation tokens is limited per user: after the limit even a right token waits', async () => {
    const { slug } = (await as(bob.token).post('/api/v1/orgs', { name: 'Guarded' })).body;
    const invitation = await as(bob.token).post(`/api/v1/orgs/${slug}/invitations`, { email: cara.email, role: 'member' });
    const token = new URL(invitation.body.accept_url).pathname.split('/').at(-1);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const guess = await as(cara.token).post('/api/v1/invitations/accept', { token: `guess-${attempt}-${'x'.repeat(32)}` });
      expect(guess.status).toBe(404);
    }
    expectRateLimited(await as(cara.token).post('/api/v1/invitations/accept', { token }), 600);
    expect(await ownerRows(database, sql`select 1 from memberships m join profiles p on p.id = m.user_id where p.email = ${cara.email}`)).toEqual([]);
  });
});

describe('per IP', () => {
  it('unauthenticated acceptance attempts from one address are cut off before authentication', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await fromIp('203.0.113.7').post('/api/v1/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(401);
    }
    expectRateLimited(await fromIp('203.0.113.7').post('/api/v1/invitations/accept', { token: 'x'.repeat(43) }), 600);
    // A signed-in user at that address is held too: the address has had its turn.
    expect((await fromIp('203.0.113.7', bob.token).post('/api/v1/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(429);
    // Only the proxy's entry counts: an address the client wrote in front of it changes nothing.
    expect((await fromIp('192.0.2.99, 203.0.113.7').post('/api/v1/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(429);
    // Another address is not affected.
    expect((await fromIp('203.0.113.8').post('/api/v1/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(401);
  });

  it('an IPv6 client cannot escape its limit by moving around its own /64', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const address = `2001:db8:1:2::${attempt.toString(16)}`;
      expect((await fromIp(address).post('/api/v1/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(401);
    }
    expect((await fromIp('2001:db8:1:2:ffff::1').post('/api/v1/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(429);
    expect((await fromIp('2001:db8:1:3::1').post('/api/v1/invitations/accept', { token: 'x'.repeat(43) })).status).toBe(401);
  });
});

describe('windows', () => {
  it('the window resets: after Retry-After the same user may write again, and ended windows are swept', async () => {
    const { slug } = (await as(cara.token).post('/api/v1/orgs', { name: 'Windows' })).body;
    expect((await as(cara.token).post(`/api/v1/orgs/${slug}/projects`, { name: 'One' })).status).toBe(201);
    expect((await as(cara.token).post(`/api/v1/orgs/${slug}/projects`, { name: 'Two' })).status).toBe(201);
    const refused = await as(cara.token).post(`/api/v1/orgs/${slug}/projects`, { name: 'Three' });
    expectRateLimited(refused, 1);
    await limiter.hitRateLimit('sweep-test', 'still-counting', { limit: 1, windowSeconds: 3600 });
    await limiter.hitRateLimit('sweep-test', 'ended', { limit: 1, windowSeconds: 1 });

    await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get('retry-after')) * 1000 + 50));
    expect((await as(cara.token).post(`/api/v1/orgs/${slug}/projects`, { name: 'Three' })).status).toBe(201);

    // A window that has ended counts for nothing: the sweep deletes it and keeps the live one.
    await limiter.sweepRateLimits();
    const left = await ownerRows<{ bucket: string; key: string }>(database, sql`select bucket, key from rate_limit_counters where bucket = 'sweep-test'`);
    expect(left).toEqual([{ bucket: 'sweep-test', key: 'still-counting' }]);
  });

  it('concurrent hits cannot get past the limit together', async () => {
    const attempts = Array.from({ length: 24 }, () => limiter.hitRateLimit('race', 'one-key', { limit: 5, windowSeconds: 60 }));
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(5);
  });

  it.runIf(process.env.DATABASE_URL)('two connections hitting one key at once let exactly the limit through (PostgreSQL)', async () => {
    const connections = [postgres(database.url!, { max: 6, onnotice: () => {} }), postgres(database.url!, { max: 6, onnotice: () => {} })];
    try {
      const hits = Array.from({ length: 40 }, (_, index) =>
        connections[index % 2]!`select allowed from tenantry.rate_limit_hit('race-two-connections', 'one-key', 7, 60)`.then(([row]) => row!.allowed as boolean),
      );
      const allowed = (await Promise.all(hits)).filter(Boolean);
      expect(allowed).toHaveLength(7);
      const [counter] = await connections[0]!`select hits from rate_limit_counters where bucket = 'race-two-connections'`;
      expect(counter!.hits).toBe(8); // counted up to just past the limit, no further
    } finally {
      await Promise.all(connections.map((connection) => connection.end()));
    }
  });
});

describe('the counters are out of every tenant’s reach in SQL', () => {
  const mallory = makeCaller('mallory@example.com');

  beforeAll(async () => {
    // Supabase's role for requests without a session; plain PostgreSQL and PGlite lack it.
    await database.db.execute(sql`
      do $$ begin
        if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
      exception when duplicate_object or unique_violation then null;
      end $$`);
  });

  it.each([
    ['read the counters', sql`select * from rate_limit_counters`],
    ['reset their own counter', sql`delete from rate_limit_counters`],
    ['rewind a window', sql`update rate_limit_counters set hits = 0`],
    ['plant a counter', sql`insert into rate_limit_counters values ('organizations.create:user', 'x', now(), 0, now() + interval '1 day')`],
    ['count hits against someone else', sql`select * from tenantry.rate_limit_hit('invitations.accept:user', 'someone', 1, 3600)`],
    ['sweep', sql`select tenantry.rate_limit_sweep(1000)`],
  ])('neither `authenticated` nor `anon` may %s', async (_what, query) => {
    const before = await ownerRows(database, sql`select * from rate_limit_counters order by bucket, key`);
    for (const caller of [mallory, 'anon'] as const) {
      expect(await attemptAs(database, caller, query)).toMatchObject({ refused: true, code: '42501' });
    }
    expect(await ownerRows(database, sql`select * from rate_limit_counters order by bucket, key`)).toEqual(before);
  });
});
