-- Row level security for every tenant table: the second wall behind the app's
-- own membership check. The API runs each tenant operation in a transaction
-- that sets `request.jwt.claims` (as Supabase's Data API does) and
-- `set local role authenticated`; these policies then admit only rows of
-- organizations the token's `sub` belongs to. The same SQL runs on PGlite,
-- plain PostgreSQL and a Supabase database (which already has the role).

-- Parallel test databases on one server race to create this cluster-wide role:
-- the loser sees duplicate_object or, mid-catalog-insert, unique_violation.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN
    CREATE ROLE authenticated NOLOGIN NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
-- The app's own database user must be able to `set role authenticated`.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'authenticated', 'MEMBER') THEN
    EXECUTE format('GRANT authenticated TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not grant authenticated to %; grant it so the API can apply row level security', current_user;
END
$$;
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS tenantry;
--> statement-breakpoint
GRANT USAGE ON SCHEMA tenantry TO authenticated;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO authenticated;
--> statement-breakpoint

-- The verified token's `sub`, or null outside a tenant transaction.
CREATE OR REPLACE FUNCTION tenantry.current_user_id() RETURNS uuid
LANGUAGE sql STABLE SET search_path = '' AS $$
  SELECT nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenantry.current_user_email() RETURNS text
LANGUAGE sql STABLE SET search_path = '' AS $$
  SELECT lower(nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email', ''))
$$;
--> statement-breakpoint
-- SECURITY DEFINER so policies on memberships can ask about memberships
-- without recursing into their own policy. Policies call it as
-- `organization_id IN (SELECT ...)`, which Postgres evaluates once per statement.
CREATE OR REPLACE FUNCTION tenantry.organization_ids_with_role(
  roles public.membership_role[] DEFAULT '{owner,admin,member}'
) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT m.organization_id FROM public.memberships m
  WHERE m.user_id = tenantry.current_user_id() AND m.role = ANY (roles)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenantry.co_member_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT other.user_id FROM public.memberships other
  WHERE other.organization_id IN (
    SELECT mine.organization_id FROM public.memberships mine WHERE mine.user_id = tenantry.current_user_id()
  )
$$;
--> statement-breakpoint
-- The creator of an organization inserts its first (owner) membership before
-- they are a member; this is the one way into an organization with no members.
CREATE OR REPLACE FUNCTION tenantry.has_members(organization uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.memberships m WHERE m.organization_id = organization)
$$;
--> statement-breakpoint
-- An invitee joins before they are a member: only with the role of a pending,
-- unexpired invitation addressed to the token's (verified) email.
CREATE OR REPLACE FUNCTION tenantry.is_invited(organization uuid, invited_role public.membership_role) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.invitations i
    WHERE i.organization_id = organization
      AND i.role = invited_role
      AND lower(i.email) = tenantry.current_user_email()
      AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
  )
$$;
--> statement-breakpoint
-- Holding the token is what entitles a caller to see its invitation, whatever
-- its state, so accepting can answer "expired", "revoked" or "not your email".
CREATE OR REPLACE FUNCTION tenantry.find_invitation(hash text) RETURNS SETOF public.invitations
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT * FROM public.invitations i WHERE i.token_hash = hash
$$;
--> statement-breakpoint
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tenantry FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tenantry TO authenticated;
--> statement-breakpoint

-- Start from nothing: Supabase's default privileges would otherwise hand
-- `authenticated` every column of every new table through its Data API (an
-- invitee could rewrite their invitation's role before accepting it).
REVOKE ALL ON public.profiles, public.organizations, public.memberships, public.invitations, public.projects, public.audit_events
  FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.profiles, public.organizations, public.memberships, public.invitations, public.projects, public.audit_events
      FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
GRANT SELECT ON public.profiles, public.organizations, public.memberships, public.invitations, public.projects, public.audit_events
  TO authenticated;
--> statement-breakpoint
GRANT INSERT ON public.organizations, public.memberships, public.invitations, public.projects, public.audit_events TO authenticated;
--> statement-breakpoint
-- Updates touch only what the app changes: never an id, an owner column, an email or a role on an invitation.
GRANT UPDATE (name, slug, updated_at) ON public.organizations TO authenticated;
--> statement-breakpoint
GRANT UPDATE (role, updated_at) ON public.memberships TO authenticated;
--> statement-breakpoint
GRANT UPDATE (accepted_at, accepted_by, revoked_at) ON public.invitations TO authenticated;
--> statement-breakpoint
GRANT UPDATE (name, description, updated_at) ON public.projects TO authenticated;
--> statement-breakpoint
GRANT DELETE ON public.organizations, public.memberships, public.projects TO authenticated;
--> statement-breakpoint

ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.projects ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

CREATE POLICY profiles_select ON public.profiles FOR SELECT TO authenticated
  USING (id = (SELECT tenantry.current_user_id()) OR id IN (SELECT tenantry.co_member_ids()));
--> statement-breakpoint

CREATE POLICY organizations_select ON public.organizations FOR SELECT TO authenticated
  USING (id IN (SELECT tenantry.organization_ids_with_role()));
--> statement-breakpoint
CREATE POLICY organizations_insert ON public.organizations FOR INSERT TO authenticated
  WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY organizations_update ON public.organizations FOR UPDATE TO authenticated
  USING (id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}')))
  WITH CHECK (id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}')));
--> statement-breakpoint
CREATE POLICY organizations_delete ON public.organizations FOR DELETE TO authenticated
  USING (id IN (SELECT tenantry.organization_ids_with_role('{owner}')));
--> statement-breakpoint

CREATE POLICY memberships_select ON public.memberships FOR SELECT TO authenticated
  USING (organization_id IN (SELECT tenantry.organization_ids_with_role()));
--> statement-breakpoint
CREATE POLICY memberships_insert ON public.memberships FOR INSERT TO authenticated
  WITH CHECK (
    user_id = (SELECT tenantry.current_user_id())
    AND ((role = 'owner' AND NOT tenantry.has_members(organization_id)) OR tenantry.is_invited(organization_id, role))
  );
--> statement-breakpoint
-- Admins manage admins and members; only owners touch owner rows or grant owner.
CREATE POLICY memberships_update ON public.memberships FOR UPDATE TO authenticated
  USING (
    organization_id IN (SELECT tenantry.organization_ids_with_role('{owner}'))
    OR (role <> 'owner' AND organization_id IN (SELECT tenantry.organization_ids_with_role('{admin}')))
  )
  WITH CHECK (
    organization_id IN (SELECT tenantry.organization_ids_with_role('{owner}'))
    OR (role <> 'owner' AND organization_id IN (SELECT tenantry.organization_ids_with_role('{admin}')))
  );
--> statement-breakpoint
CREATE POLICY memberships_delete ON public.memberships FOR DELETE TO authenticated
  USING (
    user_id = (SELECT tenantry.current_user_id())
    OR organization_id IN (SELECT tenantry.organization_ids_with_role('{owner}'))
    OR (role <> 'owner' AND organization_id IN (SELECT tenantry.organization_ids_with_role('{admin}')))
  );
--> statement-breakpoint

CREATE POLICY invitations_select ON public.invitations FOR SELECT TO authenticated
  USING (
    organization_id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}'))
    OR lower(email) = (SELECT tenantry.current_user_email())
  );
--> statement-breakpoint
CREATE POLICY invitations_insert ON public.invitations FOR INSERT TO authenticated
  WITH CHECK (
    invited_by = (SELECT tenantry.current_user_id())
    AND (
      organization_id IN (SELECT tenantry.organization_ids_with_role('{owner}'))
      OR (role <> 'owner' AND organization_id IN (SELECT tenantry.organization_ids_with_role('{admin}')))
    )
  );
--> statement-breakpoint
-- Admins revoke; the invitee marks their own invitation accepted.
CREATE POLICY invitations_update ON public.invitations FOR UPDATE TO authenticated
  USING (
    organization_id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}'))
    OR lower(email) = (SELECT tenantry.current_user_email())
  )
  WITH CHECK (
    organization_id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}'))
    OR (lower(email) = (SELECT tenantry.current_user_email()) AND accepted_by = (SELECT tenantry.current_user_id()))
  );
--> statement-breakpoint

CREATE POLICY projects_select ON public.projects FOR SELECT TO authenticated
  USING (organization_id IN (SELECT tenantry.organization_ids_with_role()));
--> statement-breakpoint
CREATE POLICY projects_insert ON public.projects FOR INSERT TO authenticated
  WITH CHECK (
    organization_id IN (SELECT tenantry.organization_ids_with_role())
    AND created_by = (SELECT tenantry.current_user_id())
  );
--> statement-breakpoint
CREATE POLICY projects_update ON public.projects FOR UPDATE TO authenticated
  USING (organization_id IN (SELECT tenantry.organization_ids_with_role()))
  WITH CHECK (organization_id IN (SELECT tenantry.organization_ids_with_role()));
--> statement-breakpoint
CREATE POLICY projects_delete ON public.projects FOR DELETE TO authenticated
  USING (organization_id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}')));
--> statement-breakpoint

-- Append-only: no update or delete policy, so not even an owner rewrites history.
CREATE POLICY audit_events_select ON public.audit_events FOR SELECT TO authenticated
  USING (organization_id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}')));
--> statement-breakpoint
CREATE POLICY audit_events_insert ON public.audit_events FOR INSERT TO authenticated
  WITH CHECK (
    organization_id IN (SELECT tenantry.organization_ids_with_role())
    AND actor_id = (SELECT tenantry.current_user_id())
  );
