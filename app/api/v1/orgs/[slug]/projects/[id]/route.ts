import { z } from 'zod';
import { withMembership } from '@/lib/auth/with-auth';
import { projectOperations } from '@/lib/projects/schema';
import { deleteProject, getProject, updateProject } from '@/lib/projects/service';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), id: z.uuid() });

export const GET = withMembership(projectOperations.get.who, { params }, async ({ scope, params }) =>
  Response.json(await getProject(scope, params.id)),
);

export const PATCH = withMembership(projectOperations.update.who, { params, body: projectOperations.update.body, rateLimit: 'projects.write' }, async ({ scope, params, body }) =>
  Response.json(await updateProject(scope, params.id, body)),
);

export const DELETE = withMembership(projectOperations.delete.who, { params, rateLimit: 'projects.write' }, async ({ scope, params }) => {
  await deleteProject(scope, params.id);
  return new Response(null, { status: 204 });
});
