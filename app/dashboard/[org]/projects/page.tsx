import type { Metadata } from 'next';
import { EmptyState } from '@/app/_components/ui/empty-state';
import { PageHeader } from '@/app/_components/ui/page-header';
import { Pagination } from '@/app/_components/ui/pagination';
import { listProjects } from '@/lib/projects/projects';
import { formatDate } from '../../_lib/format';
import { readInOrganization } from '../../_lib/organization-access';
import { pageCursor } from '../../_lib/page-cursor';
import { NewProjectButton, ProjectActions } from './project-dialogs';

export const metadata: Metadata = { title: 'Projects' };

const PAGE_SIZE = 10;

export default async function ProjectsPage({ params, searchParams }: PageProps<'/dashboard/[org]/projects'>) {
  const { org: slug } = await params;
  const { cursor } = await searchParams;
  const cursorValue = typeof cursor === 'string' ? cursor : undefined;
  const { organization, page } = await readInOrganization(slug, 'member', async (scope) => ({
    organization: scope.organization,
    page: await listProjects(scope, { limit: PAGE_SIZE, cursor: pageCursor(cursorValue) }),
  }));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Projects"
        description={`Everything ${organization.name} is working on.`}
        actions={page.data.length > 0 || cursorValue ? <NewProjectButton slug={slug} /> : undefined}
      />
      {page.data.length === 0 && !cursorValue ? (
        <EmptyState title="No projects yet" action={<NewProjectButton slug={slug} label="Create your first project" />}>
          Projects are the example resource of this template: every member can create, edit and delete them.
        </EmptyState>
      ) : (
        <>
          <ul aria-label="Projects" className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            {page.data.map((project) => (
              <li key={project.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <div className="min-w-0">
                  <h2 className="font-medium break-words text-slate-900">{project.name}</h2>
                  {project.description && <p className="mt-0.5 text-sm break-words text-slate-600">{project.description}</p>}
                  <p className="mt-1 text-xs text-slate-500">
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
