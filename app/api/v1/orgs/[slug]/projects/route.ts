import { withMembership } from '@/lib/auth/with-auth';
import { pageQuerySchema, toPageRequest } from '@/lib/http/pagination';
import { projectOperations } from '@/lib/projects/schema';
import { createProject, listProjects } from '@/lib/projects/service';

export const dynamic = 'force-dynamic';

export const GET = withMembership(projectOperations.list.who, { query: pageQuerySchema }, async ({ scope, query }) =>
  Response.json(await listProjects(scope, toPageRequest(query))),
);

export const POST = withMembership(projectOperations.create.who, { body: projectOperations.create.body, rateLimit: 'projects.write' }, async ({ scope, body }) =>
  Response.json(await createProject(scope, body), { status: 201 }),
);
