import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '@/db/client';
import { memberships, organizations, profiles } from '@/db/schema';
import { createProject, listProjects, updateProject } from '@/lib/projects/service';
import { projects } from '@/lib/projects/table';
// Renamed: it is not a React hook, whatever its name says.
import { useDatabase as attachDatabase } from '@/lib/tenant/database';
import { inOrganization } from '@/lib/tenant/membership';
import { startRoundTripCounter, type RoundTripCounter } from '@/scripts/bench/database-round-trips';
import { makeCaller } from '../support/callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// What a tenant request costs in conversation with PostgreSQL, counted by the
// same relay `npm run bench` uses: BEGIN, the caller's identity, the
// membership check and the first query of a read leave together.

const firstPage = { limit: 20, cursor: null };
const owner = makeCaller('ada@example.com');
const slug = 'acme';

describe.runIf(process.env.DATABASE_URL)('tenant transactions on PostgreSQL', () => {
  let database: TestDatabase;
  let relay: RoundTripCounter;
  const opened: DatabaseConnection[] = [];

  async function connect(options: { preparedStatements: boolean }) {
    // One connection, so every request finds the statements it prepared before.
    const connection = await openDatabase({ url: relay.url, maxConnections: 1, ...options });
    opened.push(connection);
    attachDatabase(connection);
  }

  async function roundTripsOf(work: () => Promise<unknown>): Promise<number> {
    const before = relay.counts().roundTrips;
    await work();
    // A read answers before its COMMIT is answered: let the COMMIT reach the relay.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return relay.counts().roundTrips - before;
  }

  const readProjects = () => inOrganization(owner, slug, 'member', (scope) => listProjects(scope, firstPage), { readOnly: true });

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(profiles).values({ id: owner.userId, email: 'ada@example.com' });
    await database.db.transaction(async (tx) => {
      const [organization] = await tx.insert(organizations).values({ slug, name: 'Acme' }).returning();
      await tx.insert(memberships).values({ organizationId: organization!.id, userId: owner.userId, role: 'owner' });
      await tx.insert(projects).values({ organizationId: organization!.id, name: 'Rocket', createdBy: owner.userId });
    });
    relay = await startRoundTripCounter(database.url!);
  });

  afterAll(async () => {
    for (const connection of opened) await connection.close();
    await relay?.close();
    await database?.dispose();
  });

  it('a read seen before costs two round trips: one for BEGIN, identity, membership and the query; one for COMMIT', async () => {
    await connect({ preparedStatements: true });
    const first = await roundTripsOf(readProjects);
    expect(first).toBeGreaterThan(2); // a new connection prepares its statements, and the membership is not yet known

    for (let attempt = 0; attempt < 3; attempt++) {
      let page: Awaited<ReturnType<typeof readProjects>> | undefined;
      expect(await roundTripsOf(async () => (page = await readProjects()))).toBe(2);
      expect(page?.data.map((project) => project.name)).toEqual(['Rocket']);
    }
  });

  it('a read answers before its COMMIT, yet its connection serves no one else until COMMIT is sent', async () => {
    await connect({ preparedStatements: true });
    for (let attempt = 0; attempt < 5; attempt++) {
      const page = await readProjects();
      // At once, on the only connection: were it handed over inside the READ ONLY transaction, this write would be refused.
      const updated = await inOrganization(owner, slug, 'member', (scope) =>
        updateProject(scope, page.data[0]!.id, { description: `written right after read ${attempt}` }),
      );
      expect(updated.description).toBe(`written right after read ${attempt}`);
    }
  });

  it('without prepared statements (a transaction pooler) reads and writes still work, at the cost of more round trips', async () => {
    await connect({ preparedStatements: false });
    await readProjects();
    expect(await roundTripsOf(readProjects)).toBeGreaterThan(2);
    const created = await inOrganization(owner, slug, 'member', (scope) => createProject(scope, { name: `Probe ${randomUUID()}` }));
    const page = await readProjects();
    expect(page.data.map((project) => project.id)).toContain(created.id);
  });
});
