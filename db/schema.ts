import { sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** One row per Supabase user; `id` is the verified JWT `sub`, never a client-sent id. */
export const profiles = pgTable('profiles', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull(),
  fullName: text('full_name'),
  avatarUrl: text('avatar_url'),
  ...timestamps,
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Profile = typeof profiles.$inferSelect;

/*
 * Tenancy. Every table below belongs to one organization and has row level
 * security (see the `rls` migration): the app checks membership first, and
 * Postgres refuses other organizations' rows even if a query forgets to.
 * Timestamps that cursors page over keep millisecond precision, so a JavaScript
 * Date carried in a cursor compares exactly with the stored value.
 */

export const membershipRole = pgEnum('membership_role', ['owner', 'admin', 'member']);
export type MembershipRole = (typeof membershipRole.enumValues)[number];

/*
 * The same format and length rules the API's zod schemas apply, so a direct
 * write (Supabase's Data API, a script) cannot store what the API would refuse.
 * Lengths are in code points here and in UTF-16 units in the API, so anything
 * the API accepts fits. "Trimmed" means no ASCII whitespace at either end:
 * the API trims more than that, never less.
 */
const isTrimmedText = (column: unknown, max: number) =>
  sql`char_length(${column}) between 1 and ${sql.raw(String(max))} and ${column} !~ '^[[:space:]]|[[:space:]]$'`;

const pagedTimestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
};

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique('organizations_slug_unique'),
  name: text('name').notNull(),
  /**
   * The organization is the Stripe customer. Created at its first checkout and
   * written only by lib/billing as the system: users cannot set it, or an
   * admin could point their organization at someone else's customer.
   */
  stripeCustomerId: text('stripe_customer_id').unique('organizations_stripe_customer_id_unique'),
  ...pagedTimestamps,
}, (table) => [
  check('organizations_slug_format', sql`${table.slug} ~ '^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$'`),
  check('organizations_name_format', isTrimmedText(table.name, 100)),
]);

/**
 * Slugs an organization had before, so links to the old address keep working
 * for a while (30 days, read by tenantry.organization_for_old_slug). Written
 * only by tenantry.update_organization.
 */
export const organizationSlugRedirects = pgTable(
  'organization_slug_redirects',
  {
    slug: text('slug').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('organization_slug_redirects_organization_index').on(table.organizationId)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    role: membershipRole('role').notNull(),
    ...pagedTimestamps,
  },
  (table) => [
    unique('memberships_organization_user_unique').on(table.organizationId, table.userId),
    // Policies and "my organizations" look memberships up by user first.
    index('memberships_user_organization_index').on(table.userId, table.organizationId, table.role),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: membershipRole('role').notNull(),
    /** SHA-256 of the token in the accept URL; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique('invitations_token_hash_unique'),
    invitedBy: uuid('invited_by').references(() => profiles.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    acceptedBy: uuid('accepted_by').references(() => profiles.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdAt: pagedTimestamps.createdAt,
  },
  (table) => [
    index('invitations_organization_created_index').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    index('invitations_email_index').on(sql`lower(${table.email})`),
    check('invitations_email_format', sql`char_length(${table.email}) <= 320 and ${table.email} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`),
    // A SHA-256 in hex: the database makes it from a token it generates (tenantry.create_invitation).
    check('invitations_token_hash_format', sql`${table.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('invitations_expiry_window', sql`${table.expiresAt} <= ${table.createdAt} + interval '30 days'`),
    check('invitations_accepted_or_revoked', sql`${table.acceptedAt} is null or ${table.revokedAt} is null`),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * The organization the event belongs to, or null for a system event no
     * organization owns (a subscription cancelled because its organization is
     * gone): those outlive any organization, and row level security, which
     * admits only rows of the caller's organizations, keeps them from every tenant.
     */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** The verified `sub` that acted; kept even after that user is gone. */
    actorId: uuid('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: pagedTimestamps.createdAt,
  },
  (table) => [
    index('audit_events_organization_created_index').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    // An operator's view of the system events: `where organization_id is null order by created_at desc`.
    index('audit_events_system_created_index').on(table.createdAt.desc()).where(sql`${table.organizationId} is null`),
  ],
);

/*
 * Billing. Stripe holds the truth; these rows are the copy the app reads for
 * plans and limits, rewritten from Stripe's current state on every webhook
 * (lib/billing/sync-subscriptions.ts), never from an event's payload.
 */

/** Stripe's subscription statuses; kept as text so a status Stripe adds later cannot fail a sync. */
export type SubscriptionStatus = Stripe.Subscription.Status;

export const subscriptions = pgTable(
  'subscriptions',
  {
    /** Stripe's `sub_…` id. */
    id: text('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    stripeCustomerId: text('stripe_customer_id').notNull(),
    status: text('status').$type<SubscriptionStatus>().notNull(),
    /** From the price's lookup key (lib/billing/plans.ts); null for a price that file does not name. */
    plan: text('plan').$type<'pro' | 'business'>(),
    interval: text('interval').$type<'month' | 'year'>(),
    priceLookupKey: text('price_lookup_key'),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    cancelAt: timestamp('cancel_at', { withTimezone: true }),
    trialEnd: timestamp('trial_end', { withTimezone: true }),
    /** Stripe's `created`: the newest live subscription is the organization's plan. */
    stripeCreatedAt: timestamp('stripe_created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('subscriptions_organization_index').on(table.organizationId, table.stripeCreatedAt.desc()),
  ],
);

/** Stripe events already applied: a redelivered event id is answered 200 and changes nothing. */
export const stripeEvents = pgTable('stripe_events', {
  /** Stripe's `evt_…` id. */
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  stripeCreatedAt: timestamp('stripe_created_at', { withTimezone: true }).notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each plan's limits, as the database enforces them (triggers on projects,
 * invitations and memberships). A copy of lib/billing/plans.ts, rewritten
 * from that file after every migration (db/plan-limits.ts), so the file stays
 * the one place a founder edits. Null is unlimited.
 */
export const planLimits = pgTable('plan_limits', {
  plan: text('plan').primaryKey(),
  name: text('name').notNull(),
  /** Order of the plans, cheapest first: the first with room is the one an error suggests. */
  position: integer('position').notNull(),
  projects: integer('projects'),
  members: integer('members'),
  /** Live (not revoked, not expired) API keys per organization. */
  apiKeys: integer('api_keys'),
});

/**
 * Rate limit counters, one row per bucket and key (`invitations.accept:ip`,
 * `203.0.113.7`): a fixed window that starts at the first hit. Kept in the
 * database so every app instance counts the same hits. Only the function
 * tenantry.rate_limit_hit changes them (lib/rate-limit/); no tenant role can
 * read or write the table.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    /** Hits in this window, refused ones included (capped just above the limit). */
    hits: integer('hits').notNull(),
    /** When the window ends; a row past it counts for nothing and is swept. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.bucket, table.key] }), index('rate_limit_counters_expires_index').on(table.expiresAt)],
);

/**
 * Email waiting to be sent, and what became of it (lib/email/). Rows are
 * written by the database itself, in the same transaction as the change that
 * causes them (the `email_rules` migration), so a change that rolls back
 * sends nothing and one that commits cannot lose its email. No tenant role
 * reads or writes it; admins see failures through tenantry.email_failures.
 * No foreign keys: an organization's farewell email outlives the organization.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The template (lib/email/templates/): `invitation`, `member_removed`, … */
    kind: text('kind').notNull(),
    organizationId: uuid('organization_id'),
    /** The invitation an invitation email is for, so its failure shows beside it on the Members page. */
    invitationId: uuid('invitation_id'),
    toEmail: text('to_email').notNull(),
    /** What the template shows (names, role, links' parts), resolved when the row is written. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * An invitation's token, sealed with AES-GCM under OUTBOX_SECRET by the app
     * in the transaction that made it, and cleared once the email is sent, so
     * the table never holds a usable accept link at rest in plain text.
     */
    sealedToken: text('sealed_token'),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('email_outbox_due_index').on(table.nextAttemptAt).where(sql`${table.status} in ('pending', 'sending')`),
    index('email_outbox_invitation_index').on(table.invitationId),
    check('email_outbox_status', sql`${table.status} in ('pending', 'sending', 'sent', 'failed')`),
  ],
);

/** A user's choice about the optional notices; no row means they get them. Invitations and billing failures always go. */
export const emailPreferences = pgTable('email_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => profiles.id, { onDelete: 'cascade' }),
  optionalNotices: boolean('optional_notices').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Google's tokens for one user and one set of scopes (lib/google/). Only
 * ciphertext is stored: AES-256-GCM under the key `key_id` names, so keys can
 * rotate. The owner may see and delete their rows (RLS); only the server,
 * which holds TOKEN_ENCRYPTION_KEY, writes them.
 */
export const googleConnections = pgTable(
  'google_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    /** The granted scopes, sorted and space-separated. */
    scopes: text('scopes').notNull(),
    keyId: text('key_id').notNull(),
    refreshTokenCiphertext: text('refresh_token_ciphertext').notNull(),
    accessTokenCiphertext: text('access_token_ciphertext'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    /** `disconnected` once Google answered invalid_grant: the user must connect again. */
    status: text('status').notNull().default('connected'),
    ...timestamps,
  },
  (table) => [
    unique('google_connections_user_scopes_key').on(table.userId, table.scopes),
    check('google_connections_status', sql`${table.status} in ('connected', 'disconnected')`),
  ],
);

/**
 * Organization API keys (lib/api-keys/): a server or script acts for one
 * organization with the key's role, as the person who created it. Only
 * HMAC-SHA-256(secret) with the server's pepper is stored; `public_id` is the
 * part of the key that finds the row. Written only by tenantry.create_api_key
 * and tenantry.revoke_api_key, which check the creator's role in the database.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    publicId: text('public_id').notNull().unique('api_keys_public_id_unique'),
    name: text('name').notNull(),
    role: membershipRole('role').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** The key acts as this person (capped at the key's role), and stops with their membership. */
    createdBy: uuid('created_by')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    createdAt: pagedTimestamps.createdAt,
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    index('api_keys_organization_created_index').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    index('api_keys_created_by_index').on(table.createdBy),
    check('api_keys_name_format', isTrimmedText(table.name, 100)),
    check('api_keys_role_not_owner', sql`${table.role} <> 'owner'`),
    check('api_keys_public_id_format', sql`${table.publicId} ~ '^[0-9A-Za-z]{12}$'`),
    check('api_keys_secret_hash_format', sql`${table.secretHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type GoogleConnection = typeof googleConnections.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
