-- Google connections hold tokens that act on a person's Google account, so
-- the database itself keeps them to their owner: a signed-in user (role
-- `authenticated`) may list and delete their own rows and nothing else. Only
-- the server, which holds TOKEN_ENCRYPTION_KEY, writes rows; a tenant role
-- that could insert or update one could plant a token under someone else.
ALTER TABLE public.google_connections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON public.google_connections FROM authenticated;
--> statement-breakpoint
GRANT SELECT, DELETE ON public.google_connections TO authenticated;
--> statement-breakpoint
CREATE POLICY google_connections_owner_select ON public.google_connections
  FOR SELECT TO authenticated USING (user_id = tenantry.current_user_id());
--> statement-breakpoint
CREATE POLICY google_connections_owner_delete ON public.google_connections
  FOR DELETE TO authenticated USING (user_id = tenantry.current_user_id());
