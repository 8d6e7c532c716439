import { withMembership } from '@/lib/auth/with-auth';
import { pageQuerySchema, toPageRequest } from '@/lib/http/pagination';
import { createProject, createProjectInput, listProjects } from '@/lib/projects/projects';

export const dynamic = 'force-dynamic';

export const GET = withMembership('member', { query: pageQuerySchema }, async ({ scope, query }) =>
  Response.json(await listProjects(scope, toPageRequest(query))),
);

export const POST = withMembership('member', { body: createProjectInput, rateLimit: 'projects.write' }, async ({ scope, body }) =>
  Response.json(await createProject(scope, body), { status: 201 }),
);
