-- The membership helpers every tenant policy calls, rewritten in PL/pgSQL with
-- the same answers. A LANGUAGE sql function that is SECURITY DEFINER or has a
-- SET clause is never inlined, and Postgres plans its body again on every
-- statement that calls it: with two thousand memberships that cost 0.3 to 2 ms
-- per call, two or three calls per tenant request, more than the request's own
-- queries. PL/pgSQL keeps its plans for the life of the connection, so a call
-- costs tens of microseconds (`npm run bench` and scripts/bench/tenant-query-cost.ts
-- measure it). Grants are unchanged: CREATE OR REPLACE keeps them.

-- 0016's key-aware version: a person's memberships, or the key's one organization.
CREATE OR REPLACE FUNCTION tenantry.organization_ids_with_role(
  roles public.membership_role[] DEFAULT '{owner,admin,member}'
) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  IF tenantry.current_api_key_id() IS NULL THEN
    RETURN QUERY
      SELECT m.organization_id FROM public.memberships m
      WHERE m.user_id = tenantry.current_user_id() AND m.role = ANY (roles);
  ELSE
    RETURN QUERY
      SELECT access.organization_id FROM tenantry.current_api_key_access() access
      WHERE access.role = ANY (roles);
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenantry.co_member_ids() RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN QUERY
    SELECT other.user_id FROM public.memberships other
    WHERE other.organization_id IN (SELECT tenantry.organization_ids_with_role());
END
$$;
--> statement-breakpoint
-- 0016's: the claimed key's organization and role (capped at its creator's role
-- today), when the key is live and its creator is still a member; no row otherwise.
CREATE OR REPLACE FUNCTION tenantry.current_api_key_access()
RETURNS TABLE (organization_id uuid, role public.membership_role)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN QUERY
    SELECT k.organization_id,
           CASE WHEN tenantry.role_rank(k.role) <= tenantry.role_rank(m.role) THEN k.role ELSE m.role END
    FROM public.api_keys k
    JOIN public.memberships m ON m.organization_id = k.organization_id AND m.user_id = k.created_by
    WHERE k.id = tenantry.current_api_key_id()
      AND k.created_by = tenantry.current_user_id()
      AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now());
END
$$;
