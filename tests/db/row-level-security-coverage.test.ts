import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '@/lib/tenant/transaction';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * Row level security is the last wall, so a table without it, or an operation
 * the `authenticated` role may run with no policy saying on which rows, is a
 * hole (or a forgotten policy) no API test would notice. This reads the
 * migrated database's catalog. An operation is either closed by its grant
 * (writes to organizations, memberships and invitations go through the
 * tenantry.* functions instead) or open and covered by a policy; a tenant
 * table (one with organization_id) must at least let members read it.
 */

type Command = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
const COMMANDS: Command[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** Tenant tables members read only through a function, each with the reason. */
const READ_THROUGH_A_FUNCTION: Record<string, string> = {
  organization_slug_redirects: 'tenantry.current_slug_for answers one old slug of the caller’s organizations at a time; the list of renames is not browsable',
  email_outbox: 'rows hold recipients’ addresses and sealed invitation tokens; admins see only undelivered ones, through tenantry.email_failures',
};

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

interface TableAccess {
  name: string;
  rls: boolean;
  isTenantTable: boolean;
  /** What `authenticated` is granted, on the whole table or on some columns. */
  granted: Command[];
  /** What a policy for `authenticated` covers. */
  covered: Command[];
}

async function tables(): Promise<TableAccess[]> {
  const rows = resultRows<{ name: string; rls: boolean; is_tenant_table: boolean; granted: string[]; covered: string[] }>(
    await database.db.execute(sql`
      select c.relname as name, c.relrowsecurity as rls,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped) as is_tenant_table,
             array(select command from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as command
                   -- a grant on some columns (api_keys: all but the hash) is a grant all the same; DELETE has no column form
                   where case when command = 'DELETE' then has_table_privilege('authenticated', c.oid, command)
                              else has_any_column_privilege('authenticated', c.oid, command) end) as granted,
             array(select distinct p.cmd from pg_policies p
                   where p.schemaname = n.nspname and p.tablename = c.relname
                     and ('authenticated' = any (p.roles) or 'public' = any (p.roles))) as covered
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`),
  );
  return rows.map((row) => ({
    name: row.name,
    rls: row.rls,
    isTenantTable: row.is_tenant_table,
    granted: COMMANDS.filter((command) => row.granted.includes(command)),
    covered: COMMANDS.filter((command) => row.covered.includes(command) || row.covered.includes('ALL')),
  }));
}

describe('row level security covers every table', () => {
  it('is enabled on every table in public', async () => {
    const withoutRls = (await tables()).filter((table) => !table.rls).map((table) => table.name);
    expect(withoutRls).toEqual([]);
  });

  it('covers every operation users are granted with a policy', async () => {
    const uncovered = (await tables()).flatMap((table) =>
      table.granted.filter((command) => !table.covered.includes(command)).map((command) => `${table.name} ${command}`),
    );
    expect(uncovered).toEqual([]);
  });

  it('lets members read every tenant table, through a policy', async () => {
    const tenantTables = (await tables()).filter((table) => table.isTenantTable && !(table.name in READ_THROUGH_A_FUNCTION));
    expect(tenantTables.map((table) => table.name)).toContain('projects');
    const unreadable = tenantTables.filter((table) => !table.granted.includes('SELECT') || !table.covered.includes('SELECT'));
    expect(unreadable.map((table) => table.name)).toEqual([]);
  });
});
