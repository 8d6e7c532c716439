import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError } from './app-error';

/** Where a page starts: strictly older than this (created_at, id) pair. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  cursor: Cursor | null;
}

/** Every list answers this shape; `next_cursor` is null on the last page. */
export interface Page<Item> {
  data: Item[];
  next_cursor: string | null;
}

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** Opaque to clients: base64url of `[created_at, id]` of the last item of the previous page. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const [createdAt, id] = cursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return { createdAt: new Date(createdAt), id };
  } catch {
    throw new AppError('validation_failed', 'The cursor is not one this API handed out.', [
      { field: 'cursor', message: 'Invalid cursor' },
    ]);
  }
}

export function toPageRequest(query: z.output<typeof pageQuerySchema>): PageRequest {
  return { limit: query.limit, cursor: query.cursor ? decodeCursor(query.cursor) : null };
}

/**
 * Turns `limit + 1` rows fetched newest first into a page: the extra row only
 * says whether another page exists.
 */
export function toPage<Row extends { createdAt: Date; id: string }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(present),
    next_cursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** `where` condition for rows strictly after `cursor` in newest-first order; undefined on the first page. */
export function olderThan(cursor: Cursor | null, createdAt: AnyPgColumn, id: AnyPgColumn): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)));
}
