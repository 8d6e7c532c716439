import 'server-only';
import { sql } from 'drizzle-orm';
import { profiles } from '@/db/schema';
import { asSystem } from '@/lib/tenant/system';
import { withoutNul } from '@/lib/http/nul-characters';

export interface ProfileFields {
  /** The verified token's `sub`; never an id from request input. */
  id: string;
  email: string;
  fullName?: string | null;
  avatarUrl?: string | null;
}

/**
 * Creates or refreshes a user's profile from what Supabase says about them
 * (verified token claims or the user returned by the code exchange).
 */
export async function upsertProfile(fields: ProfileFields): Promise<void> {
  const now = new Date();
  await asSystem('profile-upsert', (tx) =>
    tx
      .insert(profiles)
    .values({ ...fields, lastSeenAt: now })
    .onConflictDoUpdate({
      target: profiles.id,
      set: {
        email: fields.email,
        // Keep a known name or avatar when this source does not carry one.
        fullName: sql`coalesce(excluded.full_name, ${profiles.fullName})`,
        avatarUrl: sql`coalesce(excluded.avatar_url, ${profiles.avatarUrl})`,
        updatedAt: now,
        lastSeenAt: now,
      },
    }),
  );
}

/** Reads the Google-shaped `user_metadata` Supabase keeps for a user. */
export function profileFieldsFromMetadata(metadata: Record<string, unknown> | undefined) {
  // Users edit their own metadata; NUL, which Postgres text refuses, is dropped.
  const text = (key: string) => {
    const value = typeof metadata?.[key] === 'string' ? withoutNul(metadata[key] as string) : '';
    return value === '' ? null : value;
  };
  return {
    fullName: text('full_name') ?? text('name'),
    avatarUrl: text('avatar_url') ?? text('picture'),
  };
}
