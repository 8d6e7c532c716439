import 'server-only';
import { decodeCursor, type Cursor } from '@/lib/http/pagination';

/** The `?cursor=` of a list page; one edited by hand starts the list over instead of failing the page. */
export function pageCursor(value: string | string[] | undefined): Cursor | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    return decodeCursor(value);
  } catch {
    return null;
  }
}
