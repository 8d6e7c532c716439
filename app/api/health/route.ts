import { checkDatabase } from '@/lib/health/check-database';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await checkDatabase();
  const healthy = database === 'ok';
  return Response.json(
    { status: healthy ? 'ok' : 'degraded', database },
    { status: healthy ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
