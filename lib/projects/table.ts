import { sql } from 'drizzle-orm';
import { check, index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authenticatedRole } from 'drizzle-orm/supabase';
import { organizations, profiles } from '../../db/schema';

/*
 * The example tenant-owned resource: replace it with your product's own. The
 * table and who may touch its rows are declared together, so the policies
 * cannot be forgotten when the table changes. Members read and write;
 * deleting needs admin, as in ./schema.ts. The role helpers are the
 * database's own (0002, 0016): they answer for people and for API keys alike.
 *
 * These policies were first written by hand in 0002_rls; 0019 drops them and
 * 0020 creates them again from here, with the same meaning.
 */
const inCallersOrganizations = sql`organization_id in (select tenantry.organization_ids_with_role())`;

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    createdBy: uuid('created_by').references(() => profiles.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('projects_organization_created_index').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    check('projects_name_format', sql`char_length(${table.name}) between 1 and 200 and ${table.name} !~ '^[[:space:]]|[[:space:]]$'`),
    check('projects_description_length', sql`char_length(${table.description}) <= 2000`),
    pgPolicy('projects_select', { for: 'select', to: authenticatedRole, using: inCallersOrganizations }),
    pgPolicy('projects_insert', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${inCallersOrganizations} and created_by = (select tenantry.current_user_id())`,
    }),
    pgPolicy('projects_update', { for: 'update', to: authenticatedRole, using: inCallersOrganizations, withCheck: inCallersOrganizations }),
    pgPolicy('projects_delete', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`organization_id in (select tenantry.organization_ids_with_role('{owner,admin}'))`,
    }),
  ],
);

export type Project = typeof projects.$inferSelect;
