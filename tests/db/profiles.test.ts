import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profiles } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

describe(`profiles on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('starts empty: a test file never sees rows written by another', async () => {
    const rows = await database.db.select().from(profiles);
    expect(rows).toEqual([]);
  });

  it('stores a profile keyed on the Supabase user id with timestamps filled in', async () => {
    const id = '6b0c5d1e-8a4b-4f2a-9c3e-1d2f3a4b5c6d';
    await database.db.insert(profiles).values({ id, email: 'ada@example.com', fullName: 'Ada Lovelace' });

    const [row] = await database.db.select().from(profiles).where(eq(profiles.id, id));
    expect(row).toMatchObject({ id, email: 'ada@example.com', fullName: 'Ada Lovelace', avatarUrl: null });
    expect(row?.createdAt).toBeInstanceOf(Date);
    expect(row?.lastSeenAt).toBeInstanceOf(Date);
  });

  it('refuses a second profile for the same user id', async () => {
    const id = '0f4a8b9c-1d2e-4f3a-8b5c-6d7e8f9a0b1c';
    await database.db.insert(profiles).values({ id, email: 'grace@example.com' });
    await expect(database.db.insert(profiles).values({ id, email: 'other@example.com' })).rejects.toThrow();
  });

  it('refuses an id that is not a UUID', async () => {
    await expect(database.db.insert(profiles).values({ id: 'not-a-uuid', email: 'x@example.com' })).rejects.toThrow();
  });

  it('has applied every committed migration', async () => {
    const result = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    const rows = Array.isArray(result) ? result : (result as { rows: { count: number }[] }).rows;
    expect(rows[0]?.count).toBeGreaterThanOrEqual(1);
  });
});
