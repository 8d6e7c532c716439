import { defineConfig } from 'drizzle-kit';

// `generate` needs no database: it diffs db/schema.ts against the committed
// snapshots. Migrations are applied by `npm run db:migrate` (scripts/db-migrate.ts),
// which speaks to PGlite or PostgreSQL with the same code the app uses.
export default defineConfig({
  dialect: 'postgresql',
  // Tables live in db/schema.ts, or beside their resource with its policies (lib/projects/table.ts, lib/notes/table.ts).
  schema: ['./db/schema.ts', './lib/*/table.ts'],
  out: './db/migrations',
  strict: true,
  verbose: true,
});
