-- Old slugs keep working for 30 days, and a person can delete their account.
-- Both are tenant rules, so both live here, beside 0006_tenant_rules.

-- ── Slug redirects ─────────────────────────────────────────────────────────
-- Nobody reads or writes the table directly; the function below answers for
-- members only, so an old slug reveals nothing to anyone else (the same 404).
REVOKE ALL ON public.organization_slug_redirects FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.organization_slug_redirects FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
ALTER TABLE public.organization_slug_redirects ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- The organization's slug now, if `old_slug` was its slug in the last 30 days,
-- no organization uses it today, and the caller is a member; otherwise null.
CREATE OR REPLACE FUNCTION tenantry.current_slug_for(old_slug text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT o.slug
  FROM public.organization_slug_redirects r
  JOIN public.organizations o ON o.id = r.organization_id
  WHERE r.slug = old_slug
    AND r.moved_at > now() - interval '30 days'
    AND NOT EXISTS (SELECT 1 FROM public.organizations taken WHERE taken.slug = old_slug)
    AND r.organization_id IN (SELECT tenantry.organization_ids_with_role())
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenantry.current_slug_for(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tenantry.current_slug_for(text) TO authenticated;
--> statement-breakpoint

-- 0006's update_organization, now also remembering the slug it moves away from.
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
  IF new_slug IS NOT NULL AND new_slug <> previous.slug THEN
    INSERT INTO public.organization_slug_redirects (slug, organization_id) VALUES (previous.slug, organization)
    ON CONFLICT (slug) DO UPDATE SET organization_id = excluded.organization_id, moved_at = now();
    DELETE FROM public.organization_slug_redirects WHERE slug = new_slug;
  END IF;
  PERFORM tenantry.write_audit_event(organization, 'organization.updated', 'organization', organization::text,
    jsonb_build_object(
      'before', jsonb_build_object('slug', previous.slug, 'name', previous.name),
      'after', jsonb_strip_nulls(jsonb_build_object('name', new_name, 'slug', new_slug))
    ));
END
$$;
--> statement-breakpoint

-- ── Account deletion ───────────────────────────────────────────────────────
-- Organizations that would be left without an owner: the caller is their only
-- owner and they have other members. Any of them blocks deleting the account.
CREATE OR REPLACE FUNCTION tenantry.organizations_blocking_account_deletion()
RETURNS TABLE (id uuid, slug text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT o.id, o.slug, o.name
  FROM public.memberships m JOIN public.organizations o ON o.id = m.organization_id
  WHERE m.user_id = tenantry.current_user_id() AND m.role = 'owner'
    AND NOT EXISTS (SELECT 1 FROM public.memberships other
                    WHERE other.organization_id = m.organization_id AND other.role = 'owner' AND other.id <> m.id)
    AND EXISTS (SELECT 1 FROM public.memberships other
                WHERE other.organization_id = m.organization_id AND other.id <> m.id)
  ORDER BY o.name
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenantry.assert_account_deletable() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  blocking text;
BEGIN
  IF tenantry.current_user_id() IS NULL THEN
    PERFORM tenantry.fail('unauthorized', 'Sign in to delete your account.');
  END IF;
  SELECT string_agg(b.name, ', ') INTO blocking FROM tenantry.organizations_blocking_account_deletion() b;
  IF blocking IS NOT NULL THEN
    PERFORM tenantry.fail('last_owner', format(
      'You are the last owner of %s, which has other members. Make someone else owner there first, or delete it.', blocking));
  END IF;
END
$$;
--> statement-breakpoint

-- The caller leaves every organization and their profile is deleted.
-- Organizations where they are the only member go with them (the app cancels
-- their Stripe subscriptions first). Each organization left records it in
-- its audit log.
CREATE OR REPLACE FUNCTION tenantry.delete_my_account() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller uuid := tenantry.current_user_id();
  mine record;
BEGIN
  PERFORM tenantry.assert_account_deletable();
  FOR mine IN
    SELECT m.id, m.organization_id, m.role,
           NOT EXISTS (SELECT 1 FROM public.memberships other
                       WHERE other.organization_id = m.organization_id AND other.id <> m.id) AS is_alone
    FROM public.memberships m
    WHERE m.user_id = caller
    FOR UPDATE
  LOOP
    IF mine.is_alone THEN
      DELETE FROM public.organizations WHERE id = mine.organization_id;
    ELSE
      DELETE FROM public.memberships WHERE id = mine.id;
      PERFORM tenantry.write_audit_event(mine.organization_id, 'member.left', 'user', caller::text,
        jsonb_build_object('role', mine.role, 'account_deleted', true));
    END IF;
  END LOOP;
  DELETE FROM public.profiles WHERE id = caller;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenantry.organizations_blocking_account_deletion(), tenantry.assert_account_deletable(),
  tenantry.delete_my_account() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tenantry.organizations_blocking_account_deletion(), tenantry.assert_account_deletable(),
  tenantry.delete_my_account() TO authenticated;
