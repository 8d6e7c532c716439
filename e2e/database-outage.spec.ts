import { expect, test } from '@playwright/test';
import { healthStatus, startIsolatedApp, type IsolatedApp } from './support/isolated-app';
import { TcpProxy } from './support/tcp-proxy';

// Its own app on the CI PostgreSQL, reached through a proxy this test can cut,
// so the shared e2e server is untouched.
let proxy: TcpProxy;
let app: IsolatedApp;

test.beforeAll(async () => {
  const target = new URL(process.env.DATABASE_URL!);
  proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();
  const proxied = new URL(target);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  app = await startIsolatedApp({ env: { DATABASE_URL: proxied.toString() } });
});

test.afterAll(async () => {
  await app?.stop();
  await proxy?.cut();
});

test('losing the database turns health into 503, and its return brings 200 back without a restart', async () => {
  await proxy.cut();
  const down = await fetch(`${app.baseURL}/api/health`);
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ status: 'degraded', database: 'unavailable' });

  // The app keeps serving pages while the database is away.
  expect((await fetch(`${app.baseURL}/`)).status).toBe(200);

  await proxy.restore();
  await expect.poll(() => healthStatus(app.baseURL), { timeout: 15_000, intervals: [250] }).toBe(200);
  const up = await fetch(`${app.baseURL}/api/health`);
  expect(await up.json()).toEqual({ status: 'ok', database: 'ok' });
});
