-- Row level security for billing, in the style of 0002_rls.
--
-- `subscriptions` is a tenant table: members read their organization's rows;
-- nobody writes them through RLS. Only lib/billing writes them, as the system
-- (the database owner), with state read back from Stripe, so a user with a
-- Data API token can neither grant themself a plan nor see another's.
-- `stripe_events` belongs to no tenant: RLS on, no policy, no grant.

REVOKE ALL ON public.subscriptions, public.stripe_events FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.subscriptions, public.stripe_events FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
GRANT SELECT ON public.subscriptions TO authenticated;
--> statement-breakpoint
ALTER TABLE public.subscriptions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.stripe_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY subscriptions_select ON public.subscriptions FOR SELECT TO authenticated
  USING (organization_id IN (SELECT tenantry.organization_ids_with_role()));
--> statement-breakpoint

-- Seats in use: members plus pending invitations (an invitation holds a seat,
-- so a plan's member limit cannot be passed by inviting first). SECURITY
-- DEFINER because members cannot see invitations; it answers only for an
-- organization the caller belongs to, and null otherwise.
CREATE OR REPLACE FUNCTION tenantry.seats_used(organization uuid) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT CASE WHEN organization IN (SELECT tenantry.organization_ids_with_role()) THEN (
    (SELECT count(*) FROM public.memberships m WHERE m.organization_id = organization)
    + (SELECT count(*) FROM public.invitations i
       WHERE i.organization_id = organization
         AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now())
  )::integer END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenantry.seats_used(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tenantry.seats_used(uuid) TO authenticated;
