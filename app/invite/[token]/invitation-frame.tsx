import { Logo } from '@/app/_components/logo';
import type { InvitationPreview } from '@/lib/tenancy/invitations';

/** The card every state of an invitation link is shown in. */
export function Frame({ title, invitation, children }: { title: string; invitation?: InvitationPreview; children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh items-start justify-center bg-slate-50 dark:bg-slate-950 px-4 py-12 sm:items-center">
      <div className="w-full max-w-md">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-2xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 p-6 shadow-sm sm:p-8">
          {invitation && (
            <p className="text-sm font-semibold tracking-wide text-brand-600 dark:text-brand-400 uppercase">Invitation · {invitation.organization.name}</p>
          )}
          <h1 className="mt-2 text-xl font-semibold break-words text-slate-900 dark:text-slate-100">{title}</h1>
          <div className="mt-3 space-y-3 text-sm leading-6 text-slate-600 dark:text-slate-400">{children}</div>
        </div>
      </div>
    </main>
  );
}

export function Actions({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-col gap-3 pt-3">{children}</div>;
}
