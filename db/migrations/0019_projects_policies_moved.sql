-- Projects' policies now sit beside their table (lib/projects/table.ts), so
-- drizzle-kit writes them; 0020 creates them from there. The ones 0002 wrote
-- by hand go first. Row level security stays on in between, and a table with
-- RLS on and no policy admits no rows, so nothing is ever let through.
DROP POLICY IF EXISTS projects_select ON public.projects;
--> statement-breakpoint
DROP POLICY IF EXISTS projects_insert ON public.projects;
--> statement-breakpoint
DROP POLICY IF EXISTS projects_update ON public.projects;
--> statement-breakpoint
DROP POLICY IF EXISTS projects_delete ON public.projects;
