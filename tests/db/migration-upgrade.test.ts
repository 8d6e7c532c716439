import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type DatabaseConnection } from '@/db/client';
import { attemptAs, makeCaller, ownerRows } from '../support/callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * A deployed database holds rows written under the earlier migrations. The
 * tenant-rules migrations must apply on top of them, keep every row, and
 * enforce their rules on the old rows as on new ones.
 */

const LAST_MIGRATION_BEFORE_THE_RULES = '0004_billing_rls';

let database: TestDatabase;
let folder: string;

const ada = makeCaller('ada@example.com');
const cara = makeCaller('cara@example.com');
const eve = makeCaller('eve@example.com');
const organizationId = randomUUID();
const pendingToken = 'pending-token-from-before-the-upgrade-0123456789';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The migrations folder as it was before the tenant rules: the same files, the journal cut after 0004. */
function earlierMigrations(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'tenantry-migrations-'));
  cpSync(MIGRATIONS_FOLDER, directory, { recursive: true });
  const journalPath = path.join(directory, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === LAST_MIGRATION_BEFORE_THE_RULES);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return directory;
}

async function migrateTo(connection: DatabaseConnection, migrationsFolder: string) {
  const { migrate } =
    connection.kind === 'postgres' ? await import('drizzle-orm/postgres-js/migrator') : await import('drizzle-orm/pglite/migrator');
  await migrate(connection.db as never, { migrationsFolder });
}

beforeAll(async () => {
  folder = earlierMigrations();
  // An empty database (createTestDatabase migrates; start from one that is not).
  const fresh = process.env.DATABASE_URL ? await createTestDatabase() : null;
  if (fresh) {
    for (const statement of ['drop schema public cascade', 'create schema public', 'drop schema tenantry cascade', 'drop schema drizzle cascade']) {
      await fresh.db.execute(sql.raw(statement));
    }
    database = fresh;
  } else {
    const connection = await openDatabase({ pgliteDataDir: null });
    database = { ...connection, dispose: () => connection.close() };
  }
  await migrateTo(database, folder);

  // Rows as the earlier app wrote them.
  for (const statement of [
    sql`insert into profiles (id, email) values (${ada.userId}, ${ada.email}), (${cara.userId}, ${cara.email}), (${eve.userId}, ${eve.email})`,
    sql`insert into organizations (id, slug, name) values (${organizationId}, 'acme', 'Acme')`,
    sql`insert into memberships (organization_id, user_id, role) values (${organizationId}, ${ada.userId}, 'owner'), (${organizationId}, ${cara.userId}, 'member')`,
    sql`insert into invitations (organization_id, email, role, token_hash, invited_by, expires_at, accepted_at, accepted_by)
        values (${organizationId}, ${cara.email}, 'member', ${hash('used')}, ${ada.userId}, now() + interval '7 days', now(), ${cara.userId})`,
    sql`insert into invitations (organization_id, email, role, token_hash, invited_by, expires_at)
        values (${organizationId}, ${eve.email}, 'member', ${hash(pendingToken)}, ${ada.userId}, now() + interval '7 days')`,
    sql`insert into projects (organization_id, name, created_by) values (${organizationId}, 'Rocket', ${ada.userId})`,
    sql`insert into audit_events (organization_id, actor_id, action, target_type, target_id)
        values (${organizationId}, ${ada.userId}, 'organization.created', 'organization', ${organizationId})`,
  ]) {
    await database.db.execute(statement);
  }
  await migrateDatabase(database);
});

afterAll(async () => {
  await database?.dispose();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('upgrading a database that holds data', () => {
  it('keeps every row', async () => {
    const count = async (table: string) =>
      (await ownerRows<{ count: number }>(database, sql`select count(*)::int as count from ${sql.identifier(table)}`))[0]!.count;
    expect({
      profiles: await count('profiles'),
      organizations: await count('organizations'),
      memberships: await count('memberships'),
      invitations: await count('invitations'),
      projects: await count('projects'),
      audit_events: await count('audit_events'),
    }).toEqual({ profiles: 3, organizations: 1, memberships: 2, invitations: 2, projects: 1, audit_events: 1 });
  });

  it('a link sent before the upgrade still works, once', async () => {
    const joined = await attemptAs(database, eve, sql`select tenantry.accept_invitation(${pendingToken}) as organization_id`);
    expect(joined).toEqual({ refused: false, rows: [{ organization_id: organizationId }] });
    expect(await attemptAs(database, eve, sql`select tenantry.accept_invitation(${pendingToken})`)).toMatchObject({
      refused: true,
      message: 'invitation_used',
    });
  });

  it('the old rows are under the new rules: the last owner stays, direct writes are refused', async () => {
    expect(await attemptAs(database, ada, sql`select tenantry.remove_member(${organizationId}, ${ada.userId})`)).toMatchObject({
      refused: true,
      message: 'last_owner',
    });
    expect(await attemptAs(database, cara, sql`update memberships set role = 'owner' where user_id = ${cara.userId}`)).toMatchObject({
      refused: true,
      code: '42501',
    });
    expect(await ownerRows(database, sql`select plan from plan_limits order by position`)).toEqual([
      { plan: 'free' },
      { plan: 'pro' },
      { plan: 'business' },
    ]);
  });
});
