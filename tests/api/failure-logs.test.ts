import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorResponse } from '@/lib/http/error-response';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A failed request is logged for whoever runs the server, who is not entitled
// to the users' addresses, tokens or cookies, and neither is their log vendor.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

const EMAIL = 'kate.secret@example.com';
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

async function loggedLine(error: unknown, request: Request) {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  try {
    const response = errorResponse(error, undefined, request);
    return { body: await response.json(), status: response.status, log: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('the log line of a request that failed on our side', () => {
  it('names the request id, the method and the path, but no query string, email, token or cookie', async () => {
    // A real failure whose message quotes the caller's data: Postgres repeats the value it refused.
    const error = await database.db.execute(sql`select ${EMAIL}::int, ${TOKEN}::int`).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).not.toBeNull();
    expect(String((error as Error).message)).toContain(EMAIL); // what would have been logged before

    const request = new Request(`http://localhost:3000/api/v1/orgs/acme/invitations?email=${EMAIL}&access_token=${TOKEN}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, cookie: `sb-x-auth-token=${TOKEN}` },
    });
    const { status, body, log } = await loggedLine(error, request);
    expect(status).toBe(500);
    expect(log).toContain(`request ${body.error.request_id}`);
    expect(log).toContain('POST /api/v1/orgs/acme/invitations');
    for (const secret of [EMAIL, TOKEN, 'access_token', '?email', 'kate.secret']) expect(log).not.toContain(secret);
  });

  it('keeps an email or token out even when they are in the message of an unexpected error', async () => {
    const error = new Error(`lookup failed for ${EMAIL} with Bearer ${TOKEN} at https://auth.example.com/x?email=${EMAIL}`, {
      cause: new Error(`Failed query: select 1\nparams: ${EMAIL},${TOKEN}`),
    });
    const { log } = await loggedLine(error, new Request('http://localhost:3000/api/v1/me'));
    expect(log).toContain('GET /api/v1/me');
    expect(log).toContain('https://auth.example.com/x?[redacted]');
    expect(log).not.toContain(EMAIL);
    expect(log).not.toContain(TOKEN);
  });
});
