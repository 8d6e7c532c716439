import { checkDatabase } from '@/lib/health/check-database';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  // `?db=0` only says the server answers (a liveness probe), without a query;
  // `npm run bench` uses it as the floor every API route is measured against.
  if (new URL(request.url).searchParams.get('db') === '0') {
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  }
  const database = await checkDatabase();
  const healthy = database === 'ok';
  return Response.json(
    { status: healthy ? 'ok' : 'degraded', database },
    { status: healthy ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
