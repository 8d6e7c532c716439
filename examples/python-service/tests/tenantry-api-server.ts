/**
 * Tenantry's real `GET /api/v1/me` route handler behind a plain node:http
 * server, so the Python tests call back into the actual API (its own token
 * verification, PGlite database and all) without building the Next.js app.
 * Run from the repository root with `tsx --conditions=react-server` (so
 * `server-only` resolves to nothing); env: PORT, LOCAL_DATA_DIR,
 * NEXT_PUBLIC_SUPABASE_URL,
 * NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY. Prints `listening <url>` once ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GET as me } from '@/app/api/v1/me/route';
import { getDatabase } from '@/lib/tenant/database';
import { toNextRequest, writeResponse } from '../../../scripts/route-handler-over-http';

const server = createServer(async (incoming, outgoing) => {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  if (incoming.method !== 'GET' || url.pathname !== '/api/v1/me') {
    outgoing.writeHead(404).end();
    return;
  }
  await writeResponse(outgoing, await me(await toNextRequest(incoming), { params: Promise.resolve({}) }));
});

// Opened (and migrated) before listening, so the first request is not the one that waits for it.
await getDatabase();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
