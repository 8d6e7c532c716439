import { z } from 'zod';
import { withMembership } from '@/lib/auth/with-auth';
import { deleteProject, getProject, updateProject, updateProjectInput } from '@/lib/projects/projects';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), id: z.uuid() });

export const GET = withMembership('member', { params }, async ({ scope, params }) =>
  Response.json(await getProject(scope, params.id)),
);

export const PATCH = withMembership('member', { params, body: updateProjectInput, rateLimit: 'projects.write' }, async ({ scope, params, body }) =>
  Response.json(await updateProject(scope, params.id, body)),
);

export const DELETE = withMembership('admin', { params, rateLimit: 'projects.write' }, async ({ scope, params }) => {
  await deleteProject(scope, params.id);
  return new Response(null, { status: 204 });
});
