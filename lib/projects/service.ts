import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { notFound } from '@/lib/http/app-error';
import { olderThan, toPage, type Page, type PageRequest } from '@/lib/http/pagination';
import type { TenantScope } from '@/lib/tenant/membership';
import { preparedQuery } from '@/lib/tenant/prepared-query';
import type { Transaction } from '@/lib/tenant/transaction';
import type { createProjectInput, ProjectView, updateProjectInput } from './schema';
import { projects, type Project } from './table';

/** An organization's projects, newest first, `after` a cursor when there is one. */
function newestProjects(tx: Transaction, after: SQL | undefined) {
  return tx
    .select()
    .from(projects)
    .where(and(eq(projects.organizationId, sql.placeholder('organizationId')), after))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(sql.placeholder('limit'));
}

// Nearly every list request asks for the first page: its query is written once per process.
const firstPageOfProjects = preparedQuery((tx) => newestProjects(tx, undefined).prepare('projects_first_page'));

export async function listProjects(scope: TenantScope, page: PageRequest): Promise<Page<ProjectView>> {
  const values = { organizationId: scope.organization.id, limit: page.limit + 1 };
  const rows = page.cursor
    ? await newestProjects(scope.tx, olderThan(page.cursor, projects.createdAt, projects.id)).execute(values)
    : await firstPageOfProjects(scope.tx).execute(values);
  return toPage(rows, page.limit, presentProject);
}

export async function getProject(scope: TenantScope, projectId: string): Promise<ProjectView> {
  return presentProject(await findProject(scope, projectId));
}

/** Refused with 402 `plan_limit` by the database when the organization's plan has no room for another project. */
export async function createProject(scope: TenantScope, input: z.infer<typeof createProjectInput>): Promise<ProjectView> {
  const [project] = await scope.tx
    .insert(projects)
    .values({
      organizationId: scope.organization.id,
      name: input.name,
      description: input.description ?? null,
      createdBy: scope.caller.userId,
    })
    .returning();
  if (!project) throw new Error('the project insert returned nothing');
  return presentProject(project);
}

export async function updateProject(
  scope: TenantScope,
  projectId: string,
  input: z.infer<typeof updateProjectInput>,
): Promise<ProjectView> {
  const before = await findProject(scope, projectId);
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length === 0) return presentProject(before);
  const [project] = await scope.tx
    .update(projects)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(projects.id, before.id))
    .returning();
  if (!project) throw notFound('Project');
  return presentProject(project);
}

export async function deleteProject(scope: TenantScope, projectId: string): Promise<void> {
  const project = await findProject(scope, projectId);
  await scope.tx.delete(projects).where(eq(projects.id, project.id));
}

/** Scoped by organization as well as id, so another organization's project id is simply not found. */
async function findProject(scope: TenantScope, projectId: string): Promise<Project> {
  const [project] = await scope.tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.organizationId, scope.organization.id)));
  if (!project) throw notFound('Project');
  return project;
}

function presentProject(project: Project): ProjectView {
  return {
    id: project.id,
    organization_id: project.organizationId,
    name: project.name,
    description: project.description,
    created_by: project.createdBy,
    created_at: project.createdAt.toISOString(),
    updated_at: project.updatedAt.toISOString(),
  };
}
