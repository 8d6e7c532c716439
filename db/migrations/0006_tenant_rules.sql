-- The database keeps every tenant rule itself, whoever connects as
-- `authenticated`: the app's tenant transactions, Supabase's Data API (which
-- runs a signed-in user's requests as that role with their claims), or a
-- mobile app using supabase-js directly.
--
-- How:
-- * Lifecycle changes (create, rename and delete an organization; invite,
--   revoke and accept; change a role, remove or leave; transfer ownership)
--   happen only through the SECURITY DEFINER functions below, in the
--   `tenantry` schema, which the Data API does not expose. The app calls the
--   same functions, so each rule is written once. `authenticated` keeps no
--   INSERT, UPDATE or DELETE on organizations, memberships, invitations,
--   audit events or profiles.
-- * Invariants that must hold on every path, the owner's own included, are
--   triggers and constraints: an organization always has an owner, an
--   invitation is accepted or revoked once and never changes back, plan limits
--   hold under concurrency, audit events are written by the database.
-- * A rule broken raises SQLSTATE TNT01 with the API's error code as the
--   message and its sentence as the detail (lib/tenancy/database-rule-error.ts).

CREATE OR REPLACE FUNCTION tenantry.fail(code text, message text) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'TNT01', MESSAGE = code, DETAIL = message;
END
$$;
--> statement-breakpoint

-- Email addresses compare by ASCII case only: full Unicode lowercasing would
-- let a look-alike (the Kelvin sign K for k) match someone else's address.
CREATE OR REPLACE FUNCTION tenantry.normalize_email(email text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = '' AS $$
  SELECT translate(btrim(email), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenantry.current_user_email() RETURNS text
LANGUAGE sql STABLE SET search_path = '' AS $$
  SELECT tenantry.normalize_email(nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email', ''))
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION tenantry.role_rank(role public.membership_role) RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = '' AS $$
  SELECT CASE role WHEN 'owner' THEN 3 WHEN 'admin' THEN 2 ELSE 1 END
$$;
--> statement-breakpoint

-- The caller's role in the organization, or the same "not found" a
-- non-member gets from the API (so organizations cannot be probed).
CREATE OR REPLACE FUNCTION tenantry.require_role(organization uuid, minimum public.membership_role)
RETURNS public.membership_role
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  found_role public.membership_role;
BEGIN
  SELECT m.role INTO found_role FROM public.memberships m
  WHERE m.organization_id = organization AND m.user_id = tenantry.current_user_id();
  IF found_role IS NULL THEN
    PERFORM tenantry.fail('not_found', 'Organization not found');
  END IF;
  IF tenantry.role_rank(found_role) < tenantry.role_rank(minimum) THEN
    PERFORM tenantry.fail('forbidden', format('This needs the %s role or higher in this organization.', minimum));
  END IF;
  RETURN found_role;
END
$$;
--> statement-breakpoint

-- Audit events are written here only, as the database owner, with the
-- verified caller as actor and the database's clock: nobody can write one
-- that names someone else or another time.
CREATE OR REPLACE FUNCTION tenantry.write_audit_event(
  organization uuid, action text, target_type text, target_id text, details jsonb DEFAULT '{}'
) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$
  INSERT INTO public.audit_events (organization_id, actor_id, action, target_type, target_id, details)
  VALUES (organization, tenantry.current_user_id(), action, target_type, target_id, details)
$$;
--> statement-breakpoint

-- ── Plans ──────────────────────────────────────────────────────────────────
-- Seeded with lib/billing/plans.ts as it is today; db/plan-limits.ts rewrites
-- these rows from that file after every migration.
INSERT INTO public.plan_limits (plan, name, position, projects, members) VALUES
  ('free', 'Free', 0, 3, 3), ('pro', 'Pro', 1, 25, 10), ('business', 'Business', 2, NULL, NULL)
ON CONFLICT (plan) DO NOTHING;
--> statement-breakpoint
REVOKE ALL ON public.plan_limits FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.plan_limits FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
ALTER TABLE public.plan_limits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- The organization's plan: its newest subscription that is trialing, active
-- or past due (Stripe is still retrying), else free. Invoker's rights: a
-- member reads their own organization's subscriptions through RLS.
CREATE OR REPLACE FUNCTION tenantry.organization_plan(organization uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = '' AS $$
  SELECT coalesce((
    SELECT s.plan FROM public.subscriptions s
    WHERE s.organization_id = organization AND s.status IN ('trialing', 'active', 'past_due')
    ORDER BY s.stripe_created_at DESC
    LIMIT 1
  ), 'free')
$$;
--> statement-breakpoint

-- Before a project, an invitation or a membership is added: refuse it when
-- the plan has no room. Pending invitations hold seats; accepting one counts
-- members only (its seat was counted when it was sent), so an invitation sent
-- before a downgrade cannot take the organization past its new limit. A
-- per-organization lock makes concurrent additions count one after another.
CREATE OR REPLACE FUNCTION tenantry.enforce_plan_limit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  organization uuid := NEW.organization_id;
  resource text := CASE TG_TABLE_NAME WHEN 'projects' THEN 'projects' ELSE 'members' END;
  plan public.plan_limits;
  allowed integer;
  used integer;
  lifting public.plan_limits;
  lifting_limit integer;
BEGIN
  SELECT * INTO plan FROM public.plan_limits p WHERE p.plan = tenantry.organization_plan(organization);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'plan "%" has no row in plan_limits; run the migrations again', tenantry.organization_plan(organization);
  END IF;
  allowed := CASE resource WHEN 'projects' THEN plan.projects ELSE plan.members END;
  IF allowed IS NULL THEN
    RETURN NEW;
  END IF;
  -- An organization's first member is its creator, added with it.
  IF TG_TABLE_NAME = 'memberships' AND NOT EXISTS (SELECT 1 FROM public.memberships m WHERE m.organization_id = organization) THEN
    RETURN NEW;
  END IF;

  PERFORM pg_advisory_xact_lock(hashtext('tenantry.plan-usage:' || organization));
  used := CASE TG_TABLE_NAME
    WHEN 'projects' THEN (SELECT count(*) FROM public.projects p WHERE p.organization_id = organization)
    WHEN 'memberships' THEN (SELECT count(*) FROM public.memberships m WHERE m.organization_id = organization)
    ELSE (SELECT count(*) FROM public.memberships m WHERE m.organization_id = organization)
       + (SELECT count(*) FROM public.invitations i
          WHERE i.organization_id = organization
            AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now())
  END;
  IF used < allowed THEN
    RETURN NEW;
  END IF;

  SELECT * INTO lifting FROM public.plan_limits p
  WHERE coalesce(CASE resource WHEN 'projects' THEN p.projects ELSE p.members END, 2147483647) > used
  ORDER BY p.position
  LIMIT 1;
  lifting_limit := CASE resource WHEN 'projects' THEN lifting.projects ELSE lifting.members END;
  PERFORM tenantry.fail('plan_limit', format(
    'The %s plan allows %s %s per organization.%s',
    plan.name, allowed,
    CASE resource WHEN 'projects' THEN 'projects' ELSE 'members (pending invitations included)' END,
    CASE WHEN lifting.plan IS NULL THEN ''
      ELSE format(' Upgrade to %s for %s %s.', lifting.name,
        CASE WHEN lifting_limit IS NULL THEN 'unlimited' ELSE 'up to ' || lifting_limit END, resource)
    END
  ));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER projects_plan_limit BEFORE INSERT ON public.projects
  FOR EACH ROW EXECUTE FUNCTION tenantry.enforce_plan_limit();
--> statement-breakpoint
CREATE TRIGGER invitations_plan_limit BEFORE INSERT ON public.invitations
  FOR EACH ROW EXECUTE FUNCTION tenantry.enforce_plan_limit();
--> statement-breakpoint
CREATE TRIGGER memberships_plan_limit BEFORE INSERT ON public.memberships
  FOR EACH ROW EXECUTE FUNCTION tenantry.enforce_plan_limit();
--> statement-breakpoint

-- ── Owners ─────────────────────────────────────────────────────────────────
-- After an owner row is demoted, moved or deleted (a removal, a leave, a
-- profile deleted with its memberships), the organization must still have an
-- owner, unless the organization itself is being deleted. The organization
-- row is locked first, so two owners demoting each other at the same moment
-- are counted one after the other and the second is refused.
CREATE OR REPLACE FUNCTION tenantry.keep_an_owner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.role = 'owner' AND NEW.organization_id = OLD.organization_id THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM public.organizations o WHERE o.id = OLD.organization_id FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM public.memberships m WHERE m.organization_id = OLD.organization_id AND m.role = 'owner'
  ) THEN
    PERFORM tenantry.fail('last_owner', CASE TG_OP
      WHEN 'DELETE' THEN 'The last owner cannot leave or be removed; make someone else owner first.'
      ELSE 'The last owner cannot be demoted; make someone else owner first.'
    END);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_keep_an_owner AFTER UPDATE OR DELETE ON public.memberships
  FOR EACH ROW WHEN (OLD.role = 'owner') EXECUTE FUNCTION tenantry.keep_an_owner();
--> statement-breakpoint

-- An organization is never committed without an owner, whoever inserts it.
CREATE OR REPLACE FUNCTION tenantry.require_an_owner_at_commit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = NEW.id)
     AND NOT EXISTS (SELECT 1 FROM public.memberships m WHERE m.organization_id = NEW.id AND m.role = 'owner') THEN
    PERFORM tenantry.fail('last_owner', 'An organization needs an owner.');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER organizations_have_an_owner AFTER INSERT ON public.organizations
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION tenantry.require_an_owner_at_commit();
--> statement-breakpoint

-- ── Invitations ────────────────────────────────────────────────────────────
-- Pending, then accepted or revoked, once: never back, never both. Who and
-- what an invitation is for never changes. (Expiry may move, for the owner's
-- maintenance; users have no UPDATE on invitations at all.)
CREATE OR REPLACE FUNCTION tenantry.guard_invitation_state() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  IF NEW.organization_id <> OLD.organization_id OR NEW.email <> OLD.email OR NEW.role <> OLD.role
     OR NEW.token_hash <> OLD.token_hash OR NEW.created_at <> OLD.created_at THEN
    PERFORM tenantry.fail('forbidden', 'An invitation''s organization, email, role and token never change.');
  END IF;
  IF OLD.accepted_at IS NOT NULL AND (NEW.accepted_at IS DISTINCT FROM OLD.accepted_at OR NEW.revoked_at IS NOT NULL) THEN
    PERFORM tenantry.fail('invitation_used', 'This invitation has already been accepted.');
  END IF;
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.accepted_at IS NOT NULL) THEN
    PERFORM tenantry.fail('invitation_revoked', 'This invitation has been revoked.');
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invitations_guard_state BEFORE UPDATE ON public.invitations
  FOR EACH ROW EXECUTE FUNCTION tenantry.guard_invitation_state();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION tenantry.create_invitation(
  organization uuid, invitee_email text, invited_role public.membership_role
) RETURNS TABLE (invitation_id uuid, token text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller_role public.membership_role := tenantry.require_role(organization, 'admin');
  email_address text := tenantry.normalize_email(invitee_email);
  new_token text;
  new_id uuid;
BEGIN
  IF invited_role = 'owner' AND caller_role <> 'owner' THEN
    PERFORM tenantry.fail('forbidden', 'Only an owner can invite an owner.');
  END IF;
  IF EXISTS (
    SELECT 1 FROM public.memberships m JOIN public.profiles p ON p.id = m.user_id
    WHERE m.organization_id = organization AND tenantry.normalize_email(p.email) = email_address
  ) THEN
    PERFORM tenantry.fail('already_member', format('%s is already a member.', email_address));
  END IF;
  -- 32 bytes (244 random bits: two version-4 UUIDs), URL-safe base64 like
  -- the links sent before. Only its SHA-256 is stored; the token is returned
  -- once, for the accept link.
  new_token := rtrim(translate(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '=');
  INSERT INTO public.invitations (organization_id, email, role, token_hash, invited_by, expires_at)
  VALUES (organization, email_address, invited_role, encode(sha256(convert_to(new_token, 'UTF8')), 'hex'),
          tenantry.current_user_id(), now() + interval '7 days')
  RETURNING id INTO new_id;
  PERFORM tenantry.write_audit_event(organization, 'invitation.created', 'invitation', new_id::text,
    jsonb_build_object('email', email_address, 'role', invited_role));
  RETURN QUERY SELECT new_id, new_token;
END
$$;
--> statement-breakpoint

-- Revoking twice is harmless; revoking an accepted invitation is a conflict.
-- The row lock makes a revoke and an accept that race see each other's result.
CREATE OR REPLACE FUNCTION tenantry.revoke_invitation(organization uuid, invitation uuid) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  target public.invitations;
BEGIN
  PERFORM tenantry.require_role(organization, 'admin');
  SELECT * INTO target FROM public.invitations i
  WHERE i.id = invitation AND i.organization_id = organization
  FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM tenantry.fail('not_found', 'Invitation not found');
  END IF;
  IF target.accepted_at IS NOT NULL THEN
    PERFORM tenantry.fail('invitation_used', 'This invitation has already been accepted.');
  END IF;
  IF target.revoked_at IS NOT NULL THEN
    RETURN;
  END IF;
  UPDATE public.invitations SET revoked_at = now() WHERE id = target.id;
  PERFORM tenantry.write_audit_event(organization, 'invitation.revoked', 'invitation', target.id::text,
    jsonb_build_object('email', target.email));
END
$$;
--> statement-breakpoint

-- Joins the caller with the invitation's role. Called with the invitation row
-- already locked, so a concurrent revoke or a second accept waits and then
-- finds it used.
CREATE OR REPLACE FUNCTION tenantry.join_with_invitation(target public.invitations) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller uuid := tenantry.current_user_id();
BEGIN
  IF target.revoked_at IS NOT NULL THEN
    PERFORM tenantry.fail('invitation_revoked', 'This invitation has been revoked.');
  END IF;
  IF target.accepted_at IS NOT NULL THEN
    PERFORM tenantry.fail('invitation_used', 'This invitation has already been used.');
  END IF;
  IF target.expires_at <= now() THEN
    PERFORM tenantry.fail('invitation_expired', 'This invitation has expired; ask for a new one.');
  END IF;
  IF caller IS NULL OR tenantry.current_user_email() IS DISTINCT FROM tenantry.normalize_email(target.email) THEN
    PERFORM tenantry.fail('invitation_email_mismatch', 'This invitation was sent to a different email address.');
  END IF;
  IF EXISTS (SELECT 1 FROM public.memberships m WHERE m.organization_id = target.organization_id AND m.user_id = caller) THEN
    PERFORM tenantry.fail('already_member', 'You are already a member of this organization.');
  END IF;
  INSERT INTO public.memberships (organization_id, user_id, role) VALUES (target.organization_id, caller, target.role);
  UPDATE public.invitations SET accepted_at = now(), accepted_by = caller WHERE id = target.id;
  PERFORM tenantry.write_audit_event(target.organization_id, 'invitation.accepted', 'invitation', target.id::text,
    jsonb_build_object('role', target.role));
  RETURN target.organization_id;
END
$$;
--> statement-breakpoint

-- With the token from the accept link: holding it is what shows the
-- invitation; the verified email is what lets this caller use it.
CREATE OR REPLACE FUNCTION tenantry.accept_invitation(token text) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  target public.invitations;
BEGIN
  SELECT * INTO target FROM public.invitations i
  WHERE i.token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')
  FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM tenantry.fail('not_found', 'Invitation not found');
  END IF;
  RETURN tenantry.join_with_invitation(target);
END
$$;
--> statement-breakpoint

-- Without the token, from the newcomer's list: only an invitation addressed
-- to the caller's verified email exists for them.
CREATE OR REPLACE FUNCTION tenantry.accept_invitation_by_id(invitation uuid) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  target public.invitations;
BEGIN
  SELECT * INTO target FROM public.invitations i WHERE i.id = invitation FOR UPDATE;
  IF NOT FOUND OR tenantry.current_user_email() IS DISTINCT FROM tenantry.normalize_email(target.email) THEN
    PERFORM tenantry.fail('not_found', 'Invitation not found');
  END IF;
  RETURN tenantry.join_with_invitation(target);
END
$$;
--> statement-breakpoint

-- ── Memberships ────────────────────────────────────────────────────────────
-- Admins manage admins and members; only an owner grants or takes away
-- `owner`. The last owner is kept by memberships_keep_an_owner.
CREATE OR REPLACE FUNCTION tenantry.change_role(organization uuid, member uuid, new_role public.membership_role) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller_role public.membership_role := tenantry.require_role(organization, 'admin');
  target public.memberships;
BEGIN
  SELECT * INTO target FROM public.memberships m
  WHERE m.organization_id = organization AND m.user_id = member
  FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM tenantry.fail('not_found', 'Member not found');
  END IF;
  IF (target.role = 'owner' OR new_role = 'owner') AND caller_role <> 'owner' THEN
    PERFORM tenantry.fail('forbidden', 'Only an owner can grant or remove the owner role.');
  END IF;
  IF target.role = new_role THEN
    RETURN;
  END IF;
  UPDATE public.memberships SET role = new_role, updated_at = now() WHERE id = target.id;
  PERFORM tenantry.write_audit_event(organization, 'member.role_changed', 'user', member::text,
    jsonb_build_object('from', target.role, 'to', new_role));
END
$$;
--> statement-breakpoint

-- Removes a member, or lets a member leave. Admins remove admins and members;
-- only an owner removes an owner.
CREATE OR REPLACE FUNCTION tenantry.remove_member(organization uuid, member uuid) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller_role public.membership_role := tenantry.require_role(organization, 'member');
  is_self boolean := member = tenantry.current_user_id();
  target public.memberships;
BEGIN
  IF NOT is_self AND caller_role = 'member' THEN
    PERFORM tenantry.fail('forbidden', 'Members can only remove themselves.');
  END IF;
  SELECT * INTO target FROM public.memberships m
  WHERE m.organization_id = organization AND m.user_id = member
  FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM tenantry.fail('not_found', 'Member not found');
  END IF;
  IF NOT is_self AND target.role = 'owner' AND caller_role <> 'owner' THEN
    PERFORM tenantry.fail('forbidden', 'Only an owner can remove an owner.');
  END IF;
  DELETE FROM public.memberships WHERE id = target.id;
  PERFORM tenantry.write_audit_event(organization, CASE WHEN is_self THEN 'member.left' ELSE 'member.removed' END,
    'user', member::text, jsonb_build_object('role', target.role));
END
$$;
--> statement-breakpoint

-- Hands `owner` to another member and steps the caller down to admin, in one step.
CREATE OR REPLACE FUNCTION tenantry.transfer_ownership(organization uuid, new_owner uuid) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller uuid := tenantry.current_user_id();
  target public.memberships;
BEGIN
  PERFORM tenantry.require_role(organization, 'owner');
  IF new_owner = caller THEN
    RETURN;
  END IF;
  SELECT * INTO target FROM public.memberships m
  WHERE m.organization_id = organization AND m.user_id = new_owner
  FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM tenantry.fail('not_found', 'Member not found');
  END IF;
  UPDATE public.memberships SET role = 'owner', updated_at = now() WHERE id = target.id;
  UPDATE public.memberships SET role = 'admin', updated_at = now()
  WHERE organization_id = organization AND user_id = caller;
  PERFORM tenantry.write_audit_event(organization, 'organization.ownership_transferred', 'user', new_owner::text,
    jsonb_build_object('from', caller, 'previous_role', target.role));
END
$$;
--> statement-breakpoint

-- ── Organizations ──────────────────────────────────────────────────────────
-- Tries each slug in turn (the app derives a few from the name); an explicit
-- slug that is taken is `slug_taken`. The creator becomes the owner.
CREATE OR REPLACE FUNCTION tenantry.create_organization(organization_name text, slug_candidates text[]) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller uuid := tenantry.current_user_id();
  new_id uuid := gen_random_uuid();
  candidate text;
  violated text;
BEGIN
  IF caller IS NULL THEN
    PERFORM tenantry.fail('unauthorized', 'Sign in to create an organization.');
  END IF;
  FOREACH candidate IN ARRAY slug_candidates LOOP
    BEGIN
      INSERT INTO public.organizations (id, slug, name) VALUES (new_id, candidate, organization_name);
      INSERT INTO public.memberships (organization_id, user_id, role) VALUES (new_id, caller, 'owner');
      PERFORM tenantry.write_audit_event(new_id, 'organization.created', 'organization', new_id::text,
        jsonb_build_object('slug', candidate, 'name', organization_name));
      RETURN new_id;
    EXCEPTION WHEN unique_violation THEN
      GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
      IF violated <> 'organizations_slug_unique' THEN
        RAISE;
      END IF;
    END;
  END LOOP;
  PERFORM tenantry.fail('slug_taken', format('The slug "%s" is taken; choose another.', coalesce(slug_candidates[1], '')));
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- Renames and/or moves the organization (null leaves a field as it is).
CREATE OR REPLACE FUNCTION tenantry.update_organization(organization uuid, new_name text, new_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  previous public.organizations;
BEGIN
  PERFORM tenantry.require_role(organization, 'admin');
  SELECT * INTO previous FROM public.organizations o WHERE o.id = organization FOR NO KEY UPDATE;
  BEGIN
    UPDATE public.organizations
    SET name = coalesce(new_name, previous.name), slug = coalesce(new_slug, previous.slug), updated_at = now()
    WHERE id = organization;
  EXCEPTION WHEN unique_violation THEN
    PERFORM tenantry.fail('slug_taken', format('The slug "%s" is taken; choose another.', new_slug));
  END;
  PERFORM tenantry.write_audit_event(organization, 'organization.updated', 'organization', organization::text,
    jsonb_build_object(
      'before', jsonb_build_object('slug', previous.slug, 'name', previous.name),
      'after', jsonb_strip_nulls(jsonb_build_object('name', new_name, 'slug', new_slug))
    ));
END
$$;
--> statement-breakpoint

-- Owners only. Everything the organization owns goes with it (cascade). The
-- app cancels its Stripe subscription first (lib/billing/cancel-before-delete.ts).
CREATE OR REPLACE FUNCTION tenantry.delete_organization(organization uuid) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  PERFORM tenantry.require_role(organization, 'owner');
  DELETE FROM public.organizations WHERE id = organization;
END
$$;
--> statement-breakpoint

-- ── Tenant resources written directly (projects) ───────────────────────────
-- Members write projects with plain SQL (RLS decides where); every change is
-- audited here, so a write through the Data API is recorded like one through
-- the app. Attach it to any tenant table with `id`, `organization_id` and a
-- `name`: `... EXECUTE FUNCTION tenantry.audit_row_change('invoice')`.
CREATE OR REPLACE FUNCTION tenantry.audit_row_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  target_type text := TG_ARGV[0];
  old_values jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_values jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_data jsonb := coalesce(new_values, old_values);
  organization uuid := (row_data ->> 'organization_id')::uuid;
  changes jsonb;
BEGIN
  -- No person to name (a system write), or the organization is being deleted with everything it owns.
  IF tenantry.current_user_id() IS NULL OR NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = organization) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(jsonb_object_agg(a.key, a.value), '{}') INTO changes
    FROM jsonb_each(new_values) a
    WHERE a.key <> 'updated_at' AND old_values -> a.key IS DISTINCT FROM a.value;
    IF changes = '{}' THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM tenantry.write_audit_event(
    organization,
    target_type || CASE TG_OP WHEN 'INSERT' THEN '.created' WHEN 'UPDATE' THEN '.updated' ELSE '.deleted' END,
    target_type,
    row_data ->> 'id',
    CASE WHEN TG_OP = 'UPDATE' THEN jsonb_build_object('changes', changes)
      ELSE jsonb_strip_nulls(jsonb_build_object('name', row_data -> 'name')) END
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER projects_audit AFTER INSERT OR UPDATE OR DELETE ON public.projects
  FOR EACH ROW EXECUTE FUNCTION tenantry.audit_row_change('project');
--> statement-breakpoint

-- ── Privileges ─────────────────────────────────────────────────────────────
REVOKE INSERT, UPDATE, DELETE ON public.profiles, public.organizations, public.memberships, public.invitations, public.audit_events
  FROM authenticated;
--> statement-breakpoint
DROP POLICY IF EXISTS organizations_insert ON public.organizations;
--> statement-breakpoint
DROP POLICY IF EXISTS organizations_update ON public.organizations;
--> statement-breakpoint
DROP POLICY IF EXISTS organizations_delete ON public.organizations;
--> statement-breakpoint
DROP POLICY IF EXISTS memberships_insert ON public.memberships;
--> statement-breakpoint
DROP POLICY IF EXISTS memberships_update ON public.memberships;
--> statement-breakpoint
DROP POLICY IF EXISTS memberships_delete ON public.memberships;
--> statement-breakpoint
DROP POLICY IF EXISTS invitations_insert ON public.invitations;
--> statement-breakpoint
DROP POLICY IF EXISTS invitations_update ON public.invitations;
--> statement-breakpoint
DROP POLICY IF EXISTS audit_events_insert ON public.audit_events;
--> statement-breakpoint
DROP FUNCTION IF EXISTS tenantry.has_members(uuid);
--> statement-breakpoint
DROP FUNCTION IF EXISTS tenantry.is_invited(uuid, public.membership_role);
--> statement-breakpoint
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tenantry FROM PUBLIC;
--> statement-breakpoint
-- What a signed-in caller may run; each function checks the caller itself.
-- The internal helpers and trigger functions are granted to nobody.
REVOKE ALL ON FUNCTION tenantry.fail(text, text), tenantry.require_role(uuid, public.membership_role),
  tenantry.write_audit_event(uuid, text, text, text, jsonb), tenantry.join_with_invitation(public.invitations),
  tenantry.enforce_plan_limit(), tenantry.keep_an_owner(), tenantry.require_an_owner_at_commit(),
  tenantry.guard_invitation_state(), tenantry.audit_row_change()
  FROM authenticated;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION
  tenantry.normalize_email(text), tenantry.current_user_email(), tenantry.role_rank(public.membership_role),
  tenantry.organization_plan(uuid),
  tenantry.create_organization(text, text[]), tenantry.update_organization(uuid, text, text),
  tenantry.delete_organization(uuid),
  tenantry.create_invitation(uuid, text, public.membership_role), tenantry.revoke_invitation(uuid, uuid),
  tenantry.accept_invitation(text), tenantry.accept_invitation_by_id(uuid),
  tenantry.change_role(uuid, uuid, public.membership_role), tenantry.remove_member(uuid, uuid),
  tenantry.transfer_ownership(uuid, uuid)
  TO authenticated;
