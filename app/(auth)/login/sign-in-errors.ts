/** Readable messages for the `error` codes /auth/callback sends back to /login. */
const messages: Record<string, string> = {
  access_denied: 'Sign-in was cancelled. Choose an account to continue.',
  missing_code: 'The sign-in link was incomplete. Please try again.',
  exchange_failed: 'That sign-in link has expired or was already used. Please sign in again.',
  provider_error: 'Google could not complete the sign-in. Please try again.',
  server_error: 'Something went wrong on our side while signing you in. Please try again.',
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return messages[code] ?? messages.provider_error!;
}
