// Opens (and in local mode migrates) the database when the server starts, so
// the first visitor does not wait for PGlite to boot.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDatabase } = await import('@/lib/tenant/database');
  await getDatabase().catch((error: unknown) => {
    // Not fatal: /api/health reports it and the next request retries.
    console.error(`[startup] database not reachable yet: ${error instanceof Error ? error.message : String(error)}`);
  });
}
