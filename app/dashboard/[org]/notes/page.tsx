import type { Metadata } from 'next';
import { EmptyState } from '@/app/_components/ui/empty-state';
import { PageHeader } from '@/app/_components/ui/page-header';
import { Pagination } from '@/app/_components/ui/pagination';
import { readInOrganization } from '@/lib/auth/page-access';
import { listNotes } from '@/lib/notes/service';
import { hasAtLeast } from '@/lib/tenant/roles';
import { formatDate } from '../../_lib/format';
import { pageCursor } from '../../_lib/page-cursor';
import { DeleteNoteButton, NewNoteForm } from './note-forms';

export const metadata: Metadata = { title: 'Notes' };

const PAGE_SIZE = 20;

export default async function NotesPage({ params, searchParams }: PageProps<'/dashboard/[org]/notes'>) {
  const { org: slug } = await params;
  const { cursor } = await searchParams;
  const cursorValue = typeof cursor === 'string' ? cursor : undefined;
  const { organization, role, page } = await readInOrganization(slug, 'member', async (scope) => ({
    organization: scope.organization,
    role: scope.membership.role,
    page: await listNotes(scope, { limit: PAGE_SIZE, cursor: pageCursor(cursorValue) }),
  }));
  const canDelete = hasAtLeast(role, 'admin');

  return (
    <div className="space-y-6">
      <PageHeader title="Notes" description={<p>Short notes everyone in {organization.name} can read and write.</p>} />
      <NewNoteForm slug={slug} />
      {page.data.length === 0 && !cursorValue ? (
        <EmptyState title="No notes yet">Notes are the second example resource: one folder, its table and one migration.</EmptyState>
      ) : (
        <>
          <ul aria-label="Notes" className="divide-y divide-slate-200 dark:divide-slate-800 overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm">
            {page.data.map((note) => (
              <li key={note.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
                <div className="min-w-0">
                  <h2 className="font-medium break-words text-slate-900 dark:text-slate-100">{note.title}</h2>
                  {note.body && <p className="mt-0.5 text-sm whitespace-pre-line break-words text-slate-600 dark:text-slate-400">{note.body}</p>}
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                    <time dateTime={note.created_at}>{formatDate(note.created_at)}</time>
                  </p>
                </div>
                {canDelete && <DeleteNoteButton slug={slug} noteId={note.id} title={note.title} />}
              </li>
            ))}
          </ul>
          <Pagination pathname={`/dashboard/${slug}/notes`} olderCursor={page.next_cursor} newerCursor={cursorValue ? null : undefined} />
        </>
      )}
    </div>
  );
}
