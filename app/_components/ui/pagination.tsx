import Link from 'next/link';
import { buttonStyles } from './button-styles';

export interface PaginationProps {
  /** The list's path, such as `/dashboard/acme/projects`. */
  pathname: string;
  /** Other query parameters to keep (a filter); `cursor` is set here. */
  searchParams?: Record<string, string | undefined>;
  /** The API's `next_cursor`: null on the last page. */
  olderCursor: string | null;
  /**
   * The cursor of the newer page: a string, `null` for the newest page (no
   * cursor), or undefined when this is the newest page already. With only
   * `next_cursor` to go on, pass `null` whenever a cursor is in the URL.
   */
  newerCursor?: string | null;
  /** Query parameter that carries the cursor. */
  param?: string;
  className?: string;
}

/** "Newer" / "Older" links for cursor pages, newest first. Renders nothing when there is one page. */
export function Pagination({
  pathname,
  searchParams = {},
  olderCursor,
  newerCursor,
  param = 'cursor',
  className = '',
}: PaginationProps) {
  const hasNewer = newerCursor !== undefined;
  const hasOlder = olderCursor !== null;
  if (!hasNewer && !hasOlder) return null;

  const href = (cursor: string | null) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(searchParams)) {
      if (value !== undefined && key !== param) query.set(key, value);
    }
    if (cursor) query.set(param, cursor);
    const search = query.toString();
    return search ? `${pathname}?${search}` : pathname;
  };

  const style = buttonStyles({ variant: 'secondary', size: 'sm' });
  const disabled = `${style} pointer-events-none opacity-50`;

  return (
    <nav aria-label="Pagination" className={`flex items-center justify-between gap-3 ${className}`}>
      {hasNewer ? (
        <Link href={href(newerCursor)} className={style}>
          <span aria-hidden="true">←</span> Newer
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          <span aria-hidden="true">←</span> Newer
        </span>
      )}
      {hasOlder ? (
        <Link href={href(olderCursor)} className={style}>
          Older <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          Older <span aria-hidden="true">→</span>
        </span>
      )}
    </nav>
  );
}
