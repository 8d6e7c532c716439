import { sql } from 'drizzle-orm';
import { check, index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authenticatedRole } from 'drizzle-orm/supabase';
import { organizations, profiles } from '../../db/schema';

/*
 * The second example resource: short notes an organization keeps. The table
 * and who may touch its rows are declared together, so `drizzle-kit generate`
 * writes the table, `enable row level security` and the policies into one
 * migration. Members read and write; deleting needs admin, as in
 * ./schema.ts. The role helpers are the database's own (0002, 0016): they
 * answer for people and for API keys alike.
 */
const inCallersOrganizations = sql`organization_id in (select tenantry.organization_ids_with_role())`;

export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    createdBy: uuid('created_by').references(() => profiles.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('notes_organization_created_index').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    check('notes_title_format', sql`char_length(${table.title}) between 1 and 200 and ${table.title} !~ '^[[:space:]]|[[:space:]]$'`),
    check('notes_body_length', sql`char_length(${table.body}) <= 10000`),
    pgPolicy('notes_select', { for: 'select', to: authenticatedRole, using: inCallersOrganizations }),
    pgPolicy('notes_insert', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${inCallersOrganizations} and created_by = (select tenantry.current_user_id())`,
    }),
    pgPolicy('notes_update', { for: 'update', to: authenticatedRole, using: inCallersOrganizations, withCheck: inCallersOrganizations }),
    pgPolicy('notes_delete', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`organization_id in (select tenantry.organization_ids_with_role('{owner,admin}'))`,
    }),
  ],
);

export type Note = typeof notes.$inferSelect;
