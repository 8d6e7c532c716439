import Link from 'next/link';

export interface PlanUsageProps {
  slug: string;
  used: number;
  /** null: unlimited on this plan. */
  limit: number | null;
  /** "projects", "seats" */
  noun: string;
  planName: string;
  /** Says what counts, such as "Pending invitations take a seat." */
  note?: string;
  id?: string;
}

/** "3 of 3 projects on Free · Upgrade": the limit in view before it bites. */
export function PlanUsage({ slug, used, limit, noun, planName, note, id }: PlanUsageProps) {
  return (
    <p id={id} className="text-sm text-slate-600 dark:text-slate-400">
      {limit === null ? `${used} ${noun}, unlimited on ${planName}.` : `${used} of ${limit} ${noun} on ${planName}`}
      {limit !== null && (
        <>
          {' · '}
          <Link href={`/dashboard/${slug}/billing`} className="font-medium text-brand-700 dark:text-brand-300 underline-offset-2 hover:underline">
            Upgrade
          </Link>
        </>
      )}
      {note && <span className="block">{note}</span>}
    </p>
  );
}
