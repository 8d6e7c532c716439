-- Rate limits kept in the database, so every app instance counts the same
-- hits with no extra service (lib/rate-limit/ is the app's side).
--
-- * One counter row per bucket and key, in a fixed window that starts at the
--   first hit. tenantry.rate_limit_hit counts a hit and answers in ONE
--   statement (INSERT ... ON CONFLICT DO UPDATE): concurrent hits on one key
--   queue on that row's lock and each sees the count the previous one left,
--   so no number of app instances can let more than the limit through.
-- * The database's clock decides the windows, not each instance's.
-- * No tenant role may read or write the counters or call the functions: a
--   user who could would reset their own limits (or read who is limited).
--   The app calls them as the database owner, outside any tenant transaction.

REVOKE ALL ON public.rate_limit_counters FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON public.rate_limit_counters FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.rate_limit_counters FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
-- No policies: with row level security on, even a role that was granted the
-- table by mistake (Supabase's default privileges) sees and changes no row.
ALTER TABLE public.rate_limit_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- Counts one hit on `counter_key` in `bucket_name` and says whether it is
-- within `max_hits` per `window_seconds`; when not, how many seconds until
-- the window ends. A window that has ended starts again at this hit. Refused
-- hits count too (capped just above the limit), so hammering does not help.
CREATE OR REPLACE FUNCTION tenantry.rate_limit_hit(
  bucket_name text, counter_key text, max_hits integer, window_seconds integer
) RETURNS TABLE (allowed boolean, hit_count integer, retry_after_seconds integer)
LANGUAGE sql VOLATILE SET search_path = '' AS $$
  INSERT INTO public.rate_limit_counters AS counter (bucket, key, window_started_at, hits, expires_at)
  VALUES (bucket_name, counter_key, clock_timestamp(), 1, clock_timestamp() + make_interval(secs => window_seconds))
  ON CONFLICT (bucket, key) DO UPDATE SET
    window_started_at = CASE WHEN counter.expires_at <= clock_timestamp() THEN excluded.window_started_at ELSE counter.window_started_at END,
    hits = CASE WHEN counter.expires_at <= clock_timestamp() THEN 1 ELSE least(counter.hits + 1, max_hits + 1) END,
    expires_at = CASE WHEN counter.expires_at <= clock_timestamp() THEN excluded.expires_at ELSE counter.expires_at END
  RETURNING
    counter.hits <= max_hits,
    counter.hits,
    greatest(1, ceil(extract(epoch FROM counter.expires_at - clock_timestamp())))::integer
$$;
--> statement-breakpoint

-- Deletes up to `batch` counters whose window has ended (they count for
-- nothing any more); returns how many. Rows a hit is updating right now are
-- skipped, not waited for.
CREATE OR REPLACE FUNCTION tenantry.rate_limit_sweep(batch integer DEFAULT 1000) RETURNS integer
LANGUAGE sql VOLATILE SET search_path = '' AS $$
  WITH expired AS (
    SELECT c.bucket, c.key FROM public.rate_limit_counters c
    WHERE c.expires_at < clock_timestamp()
    LIMIT batch
    FOR UPDATE SKIP LOCKED
  ), swept AS (
    DELETE FROM public.rate_limit_counters c USING expired
    WHERE c.bucket = expired.bucket AND c.key = expired.key
    RETURNING 1
  )
  SELECT count(*)::integer FROM swept
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenantry.rate_limit_hit(text, text, integer, integer), tenantry.rate_limit_sweep(integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenantry.rate_limit_hit(text, text, integer, integer), tenantry.rate_limit_sweep(integer) FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON FUNCTION tenantry.rate_limit_hit(text, text, integer, integer), tenantry.rate_limit_sweep(integer) FROM anon;
  END IF;
END
$$;
