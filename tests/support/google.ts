import { createEmulatorClient, EMULATOR_CALLBACK_URL, submitSignInPage } from './auth-emulator';

export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive.metadata.readonly';

/** Signs in with supabase-js the way the app's Connect button does: offline access, consent, the Drive scope. */
export async function connectWithOfflineAccess(emulatorUrl: string, email: string) {
  const client = createEmulatorClient(emulatorUrl);
  const { data, error } = await client.auth.signInWithOAuth({
    provider: 'google',
    options: {
      redirectTo: EMULATOR_CALLBACK_URL,
      skipBrowserRedirect: true,
      scopes: DRIVE_SCOPE,
      queryParams: { access_type: 'offline', prompt: 'consent' },
    },
  });
  if (error || !data.url) throw error ?? new Error('no authorize URL');
  const callback = await submitSignInPage(data.url, { email, name: 'Drive User' });
  const exchanged = await client.auth.exchangeCodeForSession(callback.searchParams.get('code') ?? '');
  if (exchanged.error) throw exchanged.error;
  return { client, session: exchanged.data.session, authorizeUrl: new URL(data.url) };
}

/** Form POST to one of the Google stand-in's endpoints. */
export function postToGoogle(emulatorUrl: string, path: string, form: Record<string, string>) {
  return fetch(`${emulatorUrl}/auth/v1/emulator/google${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
}
