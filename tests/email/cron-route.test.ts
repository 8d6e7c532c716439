import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmailTestEnvironment, type EmailTestEnvironment } from './email-harness';

// The sweep route a scheduler calls: only with the cron secret, and it sends what is due.

let environment: EmailTestEnvironment;
let route: typeof import('@/app/api/cron/email/route');

beforeAll(async () => {
  process.env.CRON_SECRET = 'cron-secret-for-this-test-only';
  environment = await startEmailTestEnvironment();
  route = await import('@/app/api/cron/email/route');
});

afterAll(async () => {
  await environment?.dispose();
});

function sweep(authorization?: string) {
  return route.GET(new Request('http://localhost:3000/api/cron/email', { headers: authorization ? { authorization } : {} }));
}

it('refuses a call without the secret or with a wrong one, and sends nothing', async () => {
  const { inOrganization } = await import('@/lib/tenant/membership');
  const { inviteMember } = await import('@/lib/tenancy/invitations');
  await inOrganization(environment.owner, 'acme', 'admin', (scope) => inviteMember(scope, { email: 'cron@example.com', role: 'member' }));
  for (const authorization of [undefined, 'Bearer wrong', 'Bearer cron-secret-for-this-test-onlyX', 'cron-secret-for-this-test-only']) {
    const response = await sweep(authorization);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  }
  expect(environment.catcher.messages()).toEqual([]);
});

it('with the secret, sends what is due and says how it went', async () => {
  const response = await sweep('Bearer cron-secret-for-this-test-only');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ sent: 1, retrying: 0, failed: 0 });
  expect(environment.catcher.messages().map((message) => message.to)).toEqual([['cron@example.com']]);
});
