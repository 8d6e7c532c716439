/**
 * CLI: `npx tsx scripts/auth-emulator/main.ts`. A development and test tool
 * only; it refuses to run with NODE_ENV=production so a misconfigured deploy
 * can never hand out sessions for any email typed into a form.
 */
import { z } from 'zod';
import { DEFAULT_PORT, DEFAULT_SITE_URL } from './constants';
import { startAuthEmulator } from './server';

const DEFAULT_DATA_DIR = '.data/auth-emulator';

const environmentSchema = z.object({
  AUTH_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  AUTH_EMULATOR_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  NEXT_PUBLIC_SITE_URL: z.url().default(DEFAULT_SITE_URL),
  AUTH_EMULATOR_REDIRECT_URLS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean)),
  AUTH_EMULATOR_JWT_EXPIRY: z.coerce.number().int().positive().optional(),
  AUTH_EMULATOR_JWT_ALG: z.enum(['ES256', 'RS256']).optional(),
  /** Seconds the previous algorithm's key keeps verifying after AUTH_EMULATOR_JWT_ALG changes; default the JWT expiry. */
  AUTH_EMULATOR_KEY_ROTATION_WINDOW: z.coerce.number().int().min(0).optional(),
});

async function main() {
  if (process.env.NODE_ENV === 'production') {
    console.error('auth-emulator: refusing to start with NODE_ENV=production; it is a development and test tool only.');
    process.exit(1);
  }

  // Empty strings (e.g. `AUTH_EMULATOR_PORT=` in a .env file) mean "use the default".
  const definedEnvironment = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(definedEnvironment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    console.error(`auth-emulator: invalid environment: ${problems}`);
    process.exit(1);
  }
  const environment = parsed.data;

  let emulator;
  try {
    emulator = await startAuthEmulator({
      port: environment.AUTH_EMULATOR_PORT,
      dataDir: environment.AUTH_EMULATOR_DATA_DIR,
      siteUrl: environment.NEXT_PUBLIC_SITE_URL,
      additionalRedirectUrls: environment.AUTH_EMULATOR_REDIRECT_URLS,
      accessTokenLifetimeSeconds: environment.AUTH_EMULATOR_JWT_EXPIRY,
      algorithm: environment.AUTH_EMULATOR_JWT_ALG,
      keyRotationWindowSeconds: environment.AUTH_EMULATOR_KEY_ROTATION_WINDOW,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${environment.AUTH_EMULATOR_PORT} is already in use (set AUTH_EMULATOR_PORT to use another)`
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`auth-emulator: could not start: ${reason}`);
    process.exit(1);
  }

  console.log(`auth-emulator: Supabase Auth emulator listening on ${emulator.url} (data in ${environment.AUTH_EMULATOR_DATA_DIR})`);

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
