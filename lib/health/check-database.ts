import 'server-only';
import { sql } from 'drizzle-orm';
import { asSystem } from '@/lib/tenant/system';

export type DatabaseHealth = 'ok' | 'unavailable';

/**
 * One trivial query with a deadline. A dead database must turn into a fast
 * "unavailable", never a hung request or a crashed server.
 */
export async function checkDatabase(timeoutMs = 2_000): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database health check timed out')), timeoutMs);
  });
  try {
    await Promise.race([asSystem('health-check', (tx) => tx.execute(sql`select 1`)), deadline]);
    return 'ok';
  } catch (error) {
    console.warn(`[health] database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}
