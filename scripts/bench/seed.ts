import { createServerClient } from '@supabase/ssr';
import { LOCAL_PUBLISHABLE_KEY } from '../auth-emulator/constants';

/**
 * Seeds through the API itself, as a customer's script would: one
 * organization owned by the token's user, with `projectCount` projects (more
 * than one page, so the measured request reads a full first page).
 */
export async function seedOrganization(
  baseUrl: string,
  accessToken: string,
  organization: { name: string; slug: string; projectCount: number },
): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`seeding: POST ${path} answered ${response.status}: ${await response.text()}`);
  };
  await post('/api/v1/orgs', { name: organization.name, slug: organization.slug });
  for (let index = 1; index <= organization.projectCount; index += 1) {
    await post(`/api/v1/orgs/${organization.slug}/projects`, {
      name: `Project ${index}`,
      description: `Seeded by npm run bench (${index} of ${organization.projectCount}).`,
    });
  }
}

/**
 * The Cookie header a signed-in browser sends: the cookies @supabase/ssr itself
 * writes for the session (obtained by running it, not by imitating its format).
 */
export async function sessionCookieHeader(
  supabaseUrl: string,
  session: { accessToken: string; refreshToken: string },
): Promise<string> {
  const jar = new Map<string, string>();
  const supabase = createServerClient(supabaseUrl, LOCAL_PUBLISHABLE_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value)),
    },
  });
  const { error } = await supabase.auth.setSession({ access_token: session.accessToken, refresh_token: session.refreshToken });
  if (error) throw new Error(`could not build the session cookie: ${error.message}`);
  if (jar.size === 0) throw new Error('@supabase/ssr wrote no session cookie');
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
