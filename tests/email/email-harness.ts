import { sql } from 'drizzle-orm';
import type { Caller } from '@/lib/tenant/caller';
import { startMailCatcher, type MailCatcher } from '@/scripts/mail-catcher/server';
import { makeCaller, ownerRows } from '../support/callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

export interface EmailTestEnvironment {
  database: TestDatabase;
  catcher: MailCatcher;
  owner: Caller;
  /** The rows of the outbox, oldest first, as the table's owner sees them. */
  outbox(): Promise<Array<{ id: string; kind: string; to_email: string; status: string; attempts: number; sealed_token: string | null; last_error: string | null; payload: Record<string, unknown> }>>;
  dispose(): Promise<void>;
}

/**
 * A database of the file's own, a real SMTP server (the mail catcher) the app
 * sends to, and an owner with an organization `acme`.
 */
export async function startEmailTestEnvironment(): Promise<EmailTestEnvironment> {
  const catcher = await startMailCatcher();
  process.env.SMTP_URL = `smtp://127.0.0.1:${catcher.smtpPort}`;
  process.env.NEXT_PUBLIC_SITE_URL = 'http://localhost:3000';
  const database = await createTestDatabase();
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  const owner = makeCaller('owner@example.com');
  await createProfile(owner, 'Olivia Owner');
  const { createOrganization } = await import('@/lib/tenancy/organizations');
  await createOrganization(owner, { name: 'Acme', slug: 'acme' });
  return {
    database,
    catcher,
    owner,
    outbox: () =>
      ownerRows(database, sql`select id, kind, to_email, status, attempts, sealed_token, last_error, payload from public.email_outbox order by created_at, id`) as never,
    async dispose() {
      await catcher.close();
      await database.dispose();
    },
  };
}

export async function createProfile(caller: Caller, fullName?: string): Promise<void> {
  const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
  await upsertProfile({ id: caller.userId, email: caller.email!, fullName });
}

/** A sweep far enough in the future that every backoff has passed. */
export function later(hours = 2): Date {
  return new Date(Date.now() + hours * 3600_000);
}
