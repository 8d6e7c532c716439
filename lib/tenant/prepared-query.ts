import 'server-only';
import type { Transaction } from './database';

/**
 * A query Drizzle writes once per process instead of on every request, for
 * the reads nearly every request makes (the membership check, `/me`, a list's
 * first page). Building a select and mapping its fields costs Drizzle about a
 * tenth of a millisecond each time, as much as the rest of the handler; a
 * prepared query keeps its SQL and field mapping, and each request only binds
 * its values. Write the query with `sql.placeholder(name)` for every value
 * and end it with `.prepare(name)`; each call hands it the transaction's
 * connection:
 *
 *   const firstPage = preparedQuery((tx) =>
 *     tx.select().from(projects).where(eq(projects.organizationId, sql.placeholder('organizationId')))
 *       .limit(sql.placeholder('limit')).prepare('projects_first_page'));
 *   const rows = await firstPage(scope.tx).execute({ organizationId, limit: 21 });
 *
 * Row level security still applies: the query runs in the caller's
 * transaction, as any other. Built once per driver (postgres.js or PGlite),
 * whose prepared-query classes differ.
 */
export function preparedQuery<Query extends object>(build: (tx: Transaction) => Query): (tx: Transaction) => Query {
  const built = new Map<unknown, Query>();
  return (tx) => {
    // Drizzle keeps a transaction's connection on its session, and a prepared query's on `client`.
    const { session } = tx as unknown as { session: { client: unknown } };
    let query = built.get(session.constructor);
    if (!query) built.set(session.constructor, (query = build(tx)));
    return Object.assign(Object.create(query) as Query, { client: session.client });
  };
}
