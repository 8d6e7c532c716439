/**
 * The import rules of lib/: folders depend in one direction, the tenant
 * kernel (lib/tenant) at the bottom and features above it, so no two folders
 * import each other. `npm run lint:imports` (part of `npm run lint`) fails on
 * any cycle.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles-in-lib',
      comment: 'A cycle means two concepts are tangled; move the shared part down (usually into lib/tenant).',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles-in-lib',
      comment: 'Two lib/ folders that import each other (even through different files) are one concept in two places.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^lib/[^/]+$' },
      to: { circular: true },
    },
    {
      name: 'tenant-kernel-stays-at-the-bottom',
      comment: 'lib/tenant is what every feature builds on; it may use only the database, http errors and env.',
      severity: 'error',
      from: { path: '^lib/tenant/' },
      to: { path: '^lib/', pathNot: ['^lib/tenant/', '^lib/http/', '^lib/env\\.ts$'] },
    },
  ],
  options: {
    // db/ sits below lib/. Its one import from lib/ is lib/billing/plans.ts,
    // which imports nothing (db/plan-limits.ts copies the plans' limits into
    // the database), so following db/ would only report that as a folder cycle.
    doNotFollow: { path: ['node_modules', '^db/'] },
    exclude: { path: '^(node_modules|\\.next)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
