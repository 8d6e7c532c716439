import 'server-only';
import type { SQL } from 'drizzle-orm';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import type { Database } from '@/db/client';
import type { Transaction } from './database';

/**
 * A transaction on PostgreSQL in which nothing waits that need not. Drizzle's
 * own transaction (postgres.js `begin`) waits for BEGIN's answer before the
 * first query, and each statement after it waits for the one before: five
 * round trips for a tenant read. Here BEGIN, the `opening` statements and
 * every query `work` issues before its first await leave in one write, and
 * Postgres answers them in order (postgres.js pipelines the queries of one
 * connection). The statements still run in order, in one transaction: a
 * failure anywhere aborts it, later statements fail with it, and nothing is
 * returned until BEGIN and the opening statements have been seen to succeed.
 *
 * `readOnly` opens the transaction READ ONLY: Postgres then refuses any write,
 * which is what lets a read run ahead of the membership check
 * (./membership.ts), and its result is returned without waiting for COMMIT.
 */
export async function pipelinedTransaction<Result>(
  pool: Sql,
  db: Database,
  opening: SQL[],
  work: (tx: Transaction) => Promise<Result>,
  { readOnly }: { readOnly: boolean },
): Promise<Result> {
  const connection = await pool.reserve();
  let committing: Promise<unknown> | undefined;
  try {
    // `execute()` queues each statement now, in this order; a postgres.js query is otherwise sent when first awaited.
    const statements = opening.map((statement) => dialectOf(db).sqlToQuery(statement));
    const begun = [
      connection.unsafe(readOnly ? 'begin read only' : 'begin'),
      // Prepared: the kernel's own statements are the same on every request, so each connection parses them once.
      ...statements.map(({ sql, params }) => connection.unsafe(sql, params as never[], { prepare: true })),
    ].map((query) => query.execute());
    const opened = Promise.all(begun);
    opened.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
    let result: Result;
    try {
      // Adopted once: a Drizzle query is a lazy thenable that runs again each time `then` is called on it.
      const working = new Promise<Result>((resolve) => resolve(work(transactionOn(connection, db))));
      working.catch(() => {}); // awaited below, after the opening statements
      await opened;
      result = await working;
    } catch (error) {
      await connection.unsafe('rollback').catch(() => {});
      throw error;
    }
    if (readOnly) {
      // A read's answer does not wait for its COMMIT: nothing was written, and committing a READ ONLY
      // transaction cannot undo what it read. The answer leaves a round trip sooner; the connection
      // goes back to the pool only once COMMIT is answered, so no other request can join this transaction.
      committing = connection.unsafe('commit').catch((error: unknown) => console.error('[db] COMMIT of a read-only transaction failed:', error));
      return result;
    }
    await connection.unsafe('commit');
    return result;
  } finally {
    if (committing) void committing.finally(() => connection.release());
    else connection.release();
  }
}

/**
 * A Drizzle transaction whose queries go to one reserved connection. Built from
 * Drizzle's own postgres.js session and transaction classes, with the process
 * database's dialect and schema, so queries are written and read exactly as
 * everywhere else.
 */
function transactionOn(connection: Sql, db: Database): Transaction {
  const { _: internals } = db as unknown as { _: { fullSchema: never; schema: never; tableNamesMap: never } };
  const schema = internals.schema
    ? { fullSchema: internals.fullSchema, schema: internals.schema, tableNamesMap: internals.tableNamesMap }
    : undefined;
  const session = new PostgresJsSession(preparing(connection), dialectOf(db), schema);
  // Typed for a `begin` scope; a reserved connection takes the same queries (no savepoints, which the app never uses).
  return new PostgresJsTransaction(dialectOf(db), session as never, schema) as unknown as Transaction;
}

/**
 * The connection, with every query prepared. Drizzle asks postgres.js not to
 * prepare its queries, and postgres.js then sends a query with parameters in
 * two steps (describe, then execute), waiting for the first answer: two round
 * trips a query, and nothing pipelined behind it. Prepared, a statement is
 * described once per connection and then sent whole. Where the pool itself is
 * opened without prepared statements (DATABASE_PREPARED_STATEMENTS=off, for a
 * transaction pooler), postgres.js leaves them off here too.
 */
function preparing(connection: Sql): Sql {
  const unsafe: Sql['unsafe'] = (query, params, options) => connection.unsafe(query, params, { ...options, prepare: true });
  return Object.assign(Object.create(connection) as Sql, { unsafe });
}

/** The process database's SQL dialect (Drizzle keeps it on the database object, unexported). */
function dialectOf(db: Database): PgDialect {
  return (db as unknown as { dialect: PgDialect }).dialect;
}
