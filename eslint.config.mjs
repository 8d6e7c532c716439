import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    // Only the tenant kernel opens the database: everything else goes through
    // asUser / inOrganization (row level security applies) or asSystem (which
    // names why it may skip it). Tests and scripts may open their own.
    files: ['app/**', 'lib/**', 'proxy.ts'],
    ignores: ['lib/tenant/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/tenant/database', '@/db/client', '**/db/client'],
              message: 'Open the database through lib/tenant: asUser/inOrganization, or asSystem with a named reason.',
            },
          ],
        },
      ],
    },
  },
  globalIgnores(['.next/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'next-env.d.ts', 'db/migrations/**']),
]);
