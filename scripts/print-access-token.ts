/**
 * `npm run token -- <email> [full name]`: signs in to the running local auth
 * emulator through the real PKCE flow and prints an access token, for calling
 * the API with curl the way a mobile app or another backend would.
 */
import { AUTH_EMULATOR_URL } from '../lib/local-stand-ins';
import { signInWithEmulator } from './auth-emulator/sign-in-client';

const [email, ...nameParts] = process.argv.slice(2);
if (!email || !email.includes('@')) {
  console.error('Usage: npm run token -- <email> [full name]');
  process.exit(1);
}

const supabaseUrl = process.env.NEXT_PUBLIC_SUPABASE_URL || AUTH_EMULATOR_URL;
try {
  const { accessToken } = await signInWithEmulator(supabaseUrl, { email, name: nameParts.join(' ') || undefined });
  console.log(accessToken);
} catch (error) {
  console.error(`Could not get a token from ${supabaseUrl} (is \`npm run dev\` running?): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
