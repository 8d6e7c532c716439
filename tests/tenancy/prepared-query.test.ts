import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profiles } from '@/db/schema';
import { makeCaller } from '../support/callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A prepared query is built once per process, then handed each request's
// transaction (lib/tenant/prepared-query.ts). If it kept the connection it was
// built on, a later caller's query would run in someone else's transaction, or
// outside any, with another identity or none. These tests ask the database who
// is asking, through one prepared query, for callers whose transactions overlap.

let database: TestDatabase;
const ada = makeCaller('ada@example.com');
const bob = makeCaller('bob@example.com');

beforeAll(async () => {
  database = await createTestDatabase();
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
  for (const caller of [ada, bob]) await upsertProfile({ id: caller.userId, email: caller.email! });
});

afterAll(async () => {
  await database?.dispose();
});

describe('a query prepared once per process', () => {
  it('runs in each caller’s own transaction, as that caller, under row level security', async () => {
    const { preparedQuery } = await import('@/lib/tenant/prepared-query');
    const { asUser } = await import('@/lib/tenant/transaction');
    const whoIsAsking = preparedQuery((tx) =>
      tx
        .select({
          claimedSub: sql<string>`current_setting('request.jwt.claims', true)::jsonb ->> 'sub'`,
          role: sql<string>`current_user`,
          profileId: profiles.id,
        })
        .from(profiles)
        .where(eq(profiles.email, sql.placeholder('email')))
        .prepare('who_is_asking'),
    );

    const ask = (caller: typeof ada, email: string, meanwhile: () => Promise<unknown> = async () => {}) =>
      asUser(caller, async (tx) => {
        const rows = await whoIsAsking(tx).execute({ email });
        await meanwhile();
        // Still inside the transaction after the prepared query: the identity has not moved.
        const [after] = await whoIsAsking(tx).execute({ email: caller.email });
        return { rows, after };
      });

    // On PostgreSQL, Bob's whole transaction runs while Ada's (where the query was built) is still
    // open on its own connection; PGlite has one connection, so there they take turns.
    let bobAsks: Awaited<ReturnType<typeof ask>> | undefined;
    const askBob = async () => {
      bobAsks = await ask(bob, 'bob@example.com');
    };
    const overlapping = database.kind === 'postgres';
    const adaAsks = await ask(ada, 'ada@example.com', overlapping ? askBob : undefined);
    if (!overlapping) await askBob();
    expect(adaAsks.rows).toEqual([{ claimedSub: ada.userId, role: 'authenticated', profileId: ada.userId }]);
    expect(bobAsks?.rows).toEqual([{ claimedSub: bob.userId, role: 'authenticated', profileId: bob.userId }]);
    expect(adaAsks.after?.claimedSub).toBe(ada.userId);
    expect(bobAsks?.after?.claimedSub).toBe(bob.userId);

    // Row level security applies to it: Bob's profile is not Ada's to read.
    expect((await ask(ada, 'bob@example.com')).rows).toEqual([]);
    expect((await ask(bob, 'bob@example.com')).rows).toHaveLength(1);
  });
});
