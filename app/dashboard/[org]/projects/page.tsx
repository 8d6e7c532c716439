import type { Metadata } from 'next';
import { EmptyState } from '@/app/_components/ui/empty-state';
import { PageHeader } from '@/app/_components/ui/page-header';
import { Pagination } from '@/app/_components/ui/pagination';
import { currentPlan, usageOf } from '@/lib/billing/entitlements';
import { listProjects } from '@/lib/projects/service';
import { ArrivalToast } from '../../_components/arrival-toast';
import { PlanUsage } from '../../_components/plan-usage';
import { RoleSync } from '../../_components/role-sync';
import { formatDate } from '../../_lib/format';
import { readInOrganization } from '@/lib/auth/page-access';
import { pageCursor } from '../../_lib/page-cursor';
import { NewProjectButton, ProjectActions } from './project-dialogs';

export const metadata: Metadata = { title: 'Projects' };

const PAGE_SIZE = 10;

export default async function ProjectsPage({ params, searchParams }: PageProps<'/dashboard/[org]/projects'>) {
  const { org: slug } = await params;
  const { cursor, joined } = await searchParams;
  const cursorValue = typeof cursor === 'string' ? cursor : undefined;
  const { organization, role, page, plan, used } = await readInOrganization(slug, 'member', async (scope) => ({
    organization: scope.organization,
    role: scope.membership.role,
    page: await listProjects(scope, { limit: PAGE_SIZE, cursor: pageCursor(cursorValue) }),
    plan: await currentPlan(scope.tx, scope.organization.id),
    used: (await usageOf(scope.tx, scope.organization.id)).projects,
  }));
  const limit = plan.limits.projects;
  // The server refuses past the limit anyway (402); this says so before anyone fills in the form.
  const atLimit = limit !== null && used >= limit;
  const limitReason = atLimit
    ? `The ${plan.name} plan allows ${limit} projects. Upgrade on the Billing page, or delete a project, to create another.`
    : undefined;

  return (
    <div className="space-y-6">
      <RoleSync role={role} />
      {joined !== undefined && <ArrivalToast title={`You joined ${organization.name}`} />}
      <PageHeader
        title="Projects"
        description={
          <>
            <p>Everything {organization.name} is working on.</p>
            <PlanUsage id="project-usage" slug={slug} used={used} limit={limit} noun="projects" planName={plan.name} />
          </>
        }
        actions={page.data.length > 0 || cursorValue ? <NewProjectButton slug={slug} disabledReason={limitReason} /> : undefined}
      />
      {limitReason && (
        <p id="project-limit-reason" className="rounded-lg border border-amber-200 dark:border-amber-900 bg-amber-50 dark:bg-amber-950/50 px-4 py-3 text-sm text-amber-900 dark:text-amber-100">
          {limitReason}
        </p>
      )}
      {page.data.length === 0 && !cursorValue ? (
        <EmptyState title="No projects yet" action={<NewProjectButton slug={slug} label="Create your first project" disabledReason={limitReason} />}>
          Projects are the example resource of this template: every member can create, edit and delete them.
        </EmptyState>
      ) : (
        <>
          <ul aria-label="Projects" className="divide-y divide-slate-200 dark:divide-slate-800 overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm">
            {page.data.map((project) => (
              <li key={project.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <div className="min-w-0">
                  <h2 className="font-medium break-words text-slate-900 dark:text-slate-100">{project.name}</h2>
                  {project.description && <p className="mt-0.5 text-sm break-words text-slate-600 dark:text-slate-400">{project.description}</p>}
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                    Created <time dateTime={project.created_at}>{formatDate(project.created_at)}</time>
                  </p>
                </div>
                <ProjectActions slug={slug} project={{ id: project.id, name: project.name, description: project.description }} />
              </li>
            ))}
          </ul>
          <Pagination
            pathname={`/dashboard/${slug}/projects`}
            olderCursor={page.next_cursor}
            newerCursor={cursorValue ? null : undefined}
          />
        </>
      )}
    </div>
  );
}
