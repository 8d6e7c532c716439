-- Organization API keys (lib/api-keys/). A request made with a key runs in a
-- tenant transaction like a person's, with claims that name the key:
--
--   { "sub": <the key's creator>, "role": "authenticated",
--     "api_key": { "id": <key id>, "organization_id": <its organization>, "role": <its role> } }
--
-- The membership helpers below honour that claim, so every policy and
-- tenant function written against them sees a key as a member of its one
-- organization only, with the lower of its own role and its creator's, and
-- only while the key is live and its creator still a member. Claims cannot
-- widen anything: a key is found by id AND creator = `sub`, so a token with a
-- made-up `api_key` claim reaches at most what its own `sub` already could.
-- The key's role is read from its row, never from the claim.

-- The key the request claims to act as, or null for a person.
CREATE OR REPLACE FUNCTION tenantry.current_api_key_id() RETURNS uuid
LANGUAGE sql STABLE SET search_path = '' AS $$
  SELECT nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'api_key' ->> 'id', '')::uuid
$$;
--> statement-breakpoint

-- The claimed key's organization and role (capped at its creator's role
-- today), when the key is live and its creator is still a member; no row otherwise.
CREATE OR REPLACE FUNCTION tenantry.current_api_key_access()
RETURNS TABLE (organization_id uuid, role public.membership_role)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT k.organization_id,
         CASE WHEN tenantry.role_rank(k.role) <= tenantry.role_rank(m.role) THEN k.role ELSE m.role END
  FROM public.api_keys k
  JOIN public.memberships m ON m.organization_id = k.organization_id AND m.user_id = k.created_by
  WHERE k.id = tenantry.current_api_key_id()
    AND k.created_by = tenantry.current_user_id()
    AND k.revoked_at IS NULL
    AND (k.expires_at IS NULL OR k.expires_at > now())
$$;
--> statement-breakpoint

-- 0002's helper, now key-aware: a person's memberships, or the key's one organization.
CREATE OR REPLACE FUNCTION tenantry.organization_ids_with_role(
  roles public.membership_role[] DEFAULT '{owner,admin,member}'
) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT m.organization_id FROM public.memberships m
  WHERE tenantry.current_api_key_id() IS NULL
    AND m.user_id = tenantry.current_user_id() AND m.role = ANY (roles)
  UNION ALL
  SELECT access.organization_id FROM tenantry.current_api_key_access() access
  WHERE access.role = ANY (roles)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenantry.co_member_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT other.user_id FROM public.memberships other
  WHERE other.organization_id IN (SELECT tenantry.organization_ids_with_role())
$$;
--> statement-breakpoint

-- 0006's require_role, now key-aware (the same answers for a person).
CREATE OR REPLACE FUNCTION tenantry.require_role(organization uuid, minimum public.membership_role)
RETURNS public.membership_role
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  found_role public.membership_role;
BEGIN
  IF tenantry.current_api_key_id() IS NULL THEN
    SELECT m.role INTO found_role FROM public.memberships m
    WHERE m.organization_id = organization AND m.user_id = tenantry.current_user_id();
  ELSE
    SELECT access.role INTO found_role FROM tenantry.current_api_key_access() access
    WHERE access.organization_id = organization;
  END IF;
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

-- Managing keys, and the other things only a person does, refuse a key.
CREATE OR REPLACE FUNCTION tenantry.require_person() RETURNS void
LANGUAGE plpgsql STABLE SET search_path = '' AS $$
BEGIN
  IF tenantry.current_api_key_id() IS NOT NULL THEN
    PERFORM tenantry.fail('person_required', 'API keys cannot do this; sign in as a person.');
  END IF;
END
$$;
--> statement-breakpoint

-- 0006's audit writer: a write made with a key names the key (id and name)
-- beside its creator, who is the actor.
CREATE OR REPLACE FUNCTION tenantry.write_audit_event(
  organization uuid, action text, target_type text, target_id text, details jsonb DEFAULT '{}'
) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$
  INSERT INTO public.audit_events (organization_id, actor_id, action, target_type, target_id, details)
  VALUES (organization, tenantry.current_user_id(), action, target_type, target_id,
    details || coalesce((
      SELECT jsonb_build_object('api_key', jsonb_build_object('id', k.id, 'name', k.name))
      FROM public.api_keys k WHERE k.id = tenantry.current_api_key_id()
    ), '{}'))
$$;
--> statement-breakpoint

-- 0006's remove_member: "leaving" is a person's act. With a key, removing
-- its creator is removing a member like any other (a member key may not).
CREATE OR REPLACE FUNCTION tenantry.remove_member(organization uuid, member uuid) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller_role public.membership_role := tenantry.require_role(organization, 'member');
  is_self boolean := member = tenantry.current_user_id() AND tenantry.current_api_key_id() IS NULL;
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

-- ── The table ──────────────────────────────────────────────────────────────
-- Admins and owners read their organization's keys, never the hash; nobody
-- writes them except through the functions below.
REVOKE ALL ON public.api_keys FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON public.api_keys FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.api_keys FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
GRANT SELECT (id, organization_id, public_id, name, role, created_by, expires_at, created_at, last_used_at, revoked_at)
  ON public.api_keys TO authenticated;
--> statement-breakpoint
ALTER TABLE public.api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_keys_select ON public.api_keys FOR SELECT TO authenticated
  USING (organization_id IN (SELECT tenantry.organization_ids_with_role('{owner,admin}')));
--> statement-breakpoint

-- Live keys of the organization, for the plan's limit and the usage meters.
CREATE OR REPLACE FUNCTION tenantry.api_keys_used(organization uuid) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT CASE WHEN organization IN (SELECT tenantry.organization_ids_with_role()) THEN (
    SELECT count(*) FROM public.api_keys k
    WHERE k.organization_id = organization AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
  )::integer END
$$;
--> statement-breakpoint

-- Creates a key. The app makes the secret and its keyed hash (the pepper
-- never reaches the database); the rules are kept here: a person who is an
-- admin or owner, a role that is not owner and not above the creator's, an
-- expiry in the future, and room in the plan (counted under the same
-- per-organization lock as the other plan limits).
CREATE OR REPLACE FUNCTION tenantry.create_api_key(
  organization uuid, key_name text, key_role public.membership_role, key_expires_at timestamptz,
  key_public_id text, key_secret_hash text
) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller_role public.membership_role;
  plan public.plan_limits;
  used integer;
  lifting public.plan_limits;
  new_id uuid;
BEGIN
  PERFORM tenantry.require_person();
  caller_role := tenantry.require_role(organization, 'admin');
  IF key_role = 'owner' THEN
    PERFORM tenantry.fail('forbidden', 'An API key cannot have the owner role.');
  END IF;
  IF tenantry.role_rank(key_role) > tenantry.role_rank(caller_role) THEN
    PERFORM tenantry.fail('forbidden', 'An API key cannot have a role above your own.');
  END IF;
  IF key_expires_at IS NOT NULL AND key_expires_at <= now() THEN
    PERFORM tenantry.fail('validation_failed', 'The expiry must be in the future.');
  END IF;

  PERFORM pg_advisory_xact_lock(hashtext('tenantry.plan-usage:' || organization));
  SELECT * INTO plan FROM public.plan_limits p WHERE p.plan = tenantry.organization_plan(organization);
  IF plan.api_keys IS NOT NULL THEN
    SELECT count(*) INTO used FROM public.api_keys k
    WHERE k.organization_id = organization AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now());
    IF used >= plan.api_keys THEN
      SELECT * INTO lifting FROM public.plan_limits p
      WHERE coalesce(p.api_keys, 2147483647) > used ORDER BY p.position LIMIT 1;
      PERFORM tenantry.fail('plan_limit', format('The %s plan allows %s API keys per organization.%s',
        plan.name, plan.api_keys,
        CASE WHEN lifting.plan IS NULL THEN ''
          ELSE format(' Upgrade to %s for %s API keys.', lifting.name,
            CASE WHEN lifting.api_keys IS NULL THEN 'unlimited' ELSE 'up to ' || lifting.api_keys END)
        END));
    END IF;
  END IF;

  INSERT INTO public.api_keys (organization_id, public_id, name, role, secret_hash, created_by, expires_at)
  VALUES (organization, key_public_id, key_name, key_role, key_secret_hash, tenantry.current_user_id(), key_expires_at)
  RETURNING id INTO new_id;
  PERFORM tenantry.write_audit_event(organization, 'api_key.created', 'api_key', new_id::text,
    jsonb_strip_nulls(jsonb_build_object('name', key_name, 'role', key_role, 'expires_at', key_expires_at)));
  RETURN new_id;
END
$$;
--> statement-breakpoint

-- Revoking twice is harmless. Takes effect at once: the next request with the key is refused.
CREATE OR REPLACE FUNCTION tenantry.revoke_api_key(organization uuid, api_key uuid) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  target public.api_keys;
BEGIN
  PERFORM tenantry.require_person();
  PERFORM tenantry.require_role(organization, 'admin');
  SELECT * INTO target FROM public.api_keys k WHERE k.id = api_key AND k.organization_id = organization FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM tenantry.fail('not_found', 'API key not found');
  END IF;
  IF target.revoked_at IS NOT NULL THEN
    RETURN;
  END IF;
  UPDATE public.api_keys SET revoked_at = now() WHERE id = target.id;
  PERFORM tenantry.write_audit_event(organization, 'api_key.revoked', 'api_key', target.id::text,
    jsonb_build_object('name', target.name));
END
$$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION tenantry.current_api_key_id(), tenantry.current_api_key_access(), tenantry.require_person(),
  tenantry.api_keys_used(uuid),
  tenantry.create_api_key(uuid, text, public.membership_role, timestamptz, text, text),
  tenantry.revoke_api_key(uuid, uuid)
  FROM PUBLIC;
--> statement-breakpoint
-- current_api_key_access is what policies call (through organization_ids_with_role), so it stays internal.
GRANT EXECUTE ON FUNCTION tenantry.current_api_key_id(), tenantry.api_keys_used(uuid),
  tenantry.create_api_key(uuid, text, public.membership_role, timestamptz, text, text),
  tenantry.revoke_api_key(uuid, uuid)
  TO authenticated;
