-- Notes' policies are in 0017, generated from lib/notes/table.ts. What drizzle
-- cannot declare is here: the grants (start from nothing, as 0002 does, since
-- Supabase's default privileges would hand `authenticated` every column) and
-- the audit trigger, so a write through the Data API is recorded like one
-- through the app.
REVOKE ALL ON public.notes FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.notes FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON public.notes TO authenticated;
--> statement-breakpoint
GRANT UPDATE (title, body, updated_at) ON public.notes TO authenticated;
--> statement-breakpoint
CREATE TRIGGER notes_audit AFTER INSERT OR UPDATE OR DELETE ON public.notes
  FOR EACH ROW EXECUTE FUNCTION tenantry.audit_row_change('note');
