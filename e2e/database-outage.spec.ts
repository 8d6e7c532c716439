import { expect, test } from '@playwright/test';
import { freePort, runNext, type NextProcess } from '../scripts/next-process';
import { TcpProxy } from './support/tcp-proxy';

// Its own `next start` (on the build the main e2e server made), pointed at the
// CI PostgreSQL through a proxy this test can cut, so the shared server is untouched.
let baseURL: string;
let proxy: TcpProxy;
let server: NextProcess;

test.beforeAll(async () => {
  const target = new URL(process.env.DATABASE_URL!);
  proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();
  const proxied = new URL(target);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);

  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = runNext(['start', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: proxied.toString(), NEXT_TELEMETRY_DISABLED: '1' },
    quiet: true,
  });
  await expect.poll(() => statusOf(), { timeout: 30_000, intervals: [250] }).toBe(200);
});

test.afterAll(async () => {
  server?.stop();
  await proxy?.cut();
});

async function statusOf(): Promise<number> {
  try {
    return (await fetch(`${baseURL}/api/health`)).status;
  } catch {
    return 0;
  }
}

test('losing the database turns health into 503, and its return brings 200 back without a restart', async () => {
  await proxy.cut();
  const down = await fetch(`${baseURL}/api/health`);
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ status: 'degraded', database: 'unavailable' });

  // The app keeps serving pages while the database is away.
  expect((await fetch(`${baseURL}/`)).status).toBe(200);

  await proxy.restore();
  await expect.poll(() => statusOf(), { timeout: 15_000, intervals: [250] }).toBe(200);
  const up = await fetch(`${baseURL}/api/health`);
  expect(await up.json()).toEqual({ status: 'ok', database: 'ok' });
});
