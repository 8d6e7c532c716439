import { notInArray, sql } from 'drizzle-orm';
import { PLAN_IDS, PLANS } from '../lib/billing/plans';
import type { Database } from './client';
import { planLimits } from './schema';

/**
 * Rewrites `plan_limits`, which the database's triggers enforce, from
 * lib/billing/plans.ts, so that file stays the one place a founder changes a
 * limit. Runs after every migration; plans no longer in the file are removed.
 */
export async function syncPlanLimits(db: Database): Promise<void> {
  const rows = PLAN_IDS.map((id, position) => ({
    plan: id,
    name: PLANS[id].name,
    position,
    projects: PLANS[id].limits.projects,
    members: PLANS[id].limits.members,
    apiKeys: PLANS[id].limits.apiKeys,
  }));
  await db.transaction(async (tx) => {
    await tx
      .insert(planLimits)
      .values(rows)
      .onConflictDoUpdate({
        target: planLimits.plan,
        set: {
          name: sql`excluded.name`,
          position: sql`excluded.position`,
          projects: sql`excluded.projects`,
          members: sql`excluded.members`,
          apiKeys: sql`excluded.api_keys`,
        },
      });
    await tx.delete(planLimits).where(notInArray(planLimits.plan, [...PLAN_IDS]));
  });
}
