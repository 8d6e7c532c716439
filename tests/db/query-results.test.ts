import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, resultRows } from '@/lib/tenant/transaction';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * The database layer answers the same on both backends. On PGlite it runs
 * every statement as a named prepared statement (db/pglite-client.ts); these
 * tests hold it to what Drizzle gets from PostgreSQL: the same values back,
 * the same errors, nothing cached from a statement that failed.
 */

const samples = pgTable('driver_samples', {
  id: uuid('id').primaryKey().defaultRandom(),
  label: text('label').notNull().unique(),
  count: integer('count'),
  price: numeric('price', { precision: 10, scale: 2 }),
  active: boolean('active').notNull().default(true),
  details: jsonb('details').$type<{ tags: string[]; nested: { ok: boolean } }>(),
  tags: text('tags').array(),
  happenedAt: timestamp('happened_at', { withTimezone: true }),
});

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`
    create table driver_samples (
      id uuid primary key default gen_random_uuid(),
      label text not null unique,
      count integer,
      price numeric(10, 2),
      active boolean not null default true,
      details jsonb,
      tags text[],
      happened_at timestamptz
    )`);
});

afterAll(async () => {
  await database?.dispose();
});

describe(`query results on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('returns every column type as Drizzle declares it, nulls included', async () => {
    const happenedAt = new Date('2026-03-04T05:06:07.089Z');
    await database.db.insert(samples).values([
      {
        label: 'full',
        count: 42,
        price: '19.90',
        active: false,
        details: { tags: ['a', 'b'], nested: { ok: true } },
        tags: ['x', 'y, z', 'quote"d'],
        happenedAt,
      },
      { label: 'empty' },
    ]);

    const rows = await database.db.select().from(samples).orderBy(samples.label);

    expect(rows.map(({ id, ...rest }) => ({ id: typeof id, ...rest }))).toEqual([
      { id: 'string', label: 'empty', count: null, price: null, active: true, details: null, tags: null, happenedAt: null },
      {
        id: 'string',
        label: 'full',
        count: 42,
        price: '19.90',
        active: false,
        details: { tags: ['a', 'b'], nested: { ok: true } },
        tags: ['x', 'y, z', 'quote"d'],
        happenedAt,
      },
    ]);
  });

  it('binds parameters by the type the statement needs, and runs the same statement again with new values', async () => {
    for (const [label, count] of [['one', 1], ['two', 2], ['three', 3]] as const) {
      await database.db.insert(samples).values({ label, count, happenedAt: new Date(Date.UTC(2026, 0, count)) });
    }
    const counts = [];
    for (const label of ['one', 'two', 'three']) {
      const [row] = await database.db.select({ count: samples.count }).from(samples).where(sql`${samples.label} = ${label}`);
      counts.push(row?.count);
    }
    expect(counts).toEqual([1, 2, 3]);

    const [later] = resultRows<{ labels: string }>(
      await database.db.execute(
        sql`select string_agg(label, ',' order by label) as labels from driver_samples where happened_at > ${'2026-01-01T12:00:00Z'} and count >= ${'2'} and count < ${10}`,
      ),
    );
    expect(later?.labels).toBe('three,two');
  });

  it('reports a syntax error every time, and the next good statement still runs', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(database.db.execute(sql`selec 1`)).rejects.toMatchObject({ cause: { code: '42601' } });
    }
    const [row] = resultRows<{ answer: number }>(await database.db.execute(sql`select 41 + ${1}::int as answer`));
    expect(row?.answer).toBe(42);
  });

  it('rolls back a whole transaction when a statement in it fails, and the connection stays usable', async () => {
    const attempt = database.db.transaction(async (tx) => {
      await tx.insert(samples).values({ label: 'kept-only-if-committed' });
      await tx.insert(samples).values({ label: 'full' }); // exists: unique violation
    });
    const error = await attempt.then(() => null, (failure: unknown) => failure);
    expect(isUniqueViolation(error, 'driver_samples_label_key')).toBe(true);

    const rows = await database.db.select({ label: samples.label }).from(samples).where(sql`${samples.label} = 'kept-only-if-committed'`);
    expect(rows).toEqual([]);
  });

  it('answers statements beyond what is kept prepared, and the earliest ones again afterwards', async () => {
    const distinct = 600; // more than db/pglite-client.ts keeps prepared
    const answers: number[] = [];
    for (let index = 0; index < distinct; index++) {
      const [row] = resultRows<{ value: number }>(await database.db.execute(sql.raw(`select ${index}::int as value`)));
      answers.push(row!.value);
    }
    expect(answers).toEqual(Array.from({ length: distinct }, (_, index) => index));

    const [first] = resultRows<{ value: number }>(await database.db.execute(sql.raw('select 0::int as value')));
    expect(first?.value).toBe(0);
  });

  it('keeps concurrent transactions apart: each sees its own writes, all commit', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        database.db.transaction(async (tx) => {
          await tx.insert(samples).values({ label: `concurrent-${index}`, count: index });
          const [row] = await tx.select({ count: samples.count }).from(samples).where(sql`${samples.label} = ${`concurrent-${index}`}`);
          return row?.count;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index));
    const [row] = resultRows<{ count: number }>(
      await database.db.execute(sql`select count(*)::int as count from driver_samples where label like 'concurrent-%'`),
    );
    expect(row?.count).toBe(20);
  });
});
