// Building blocks for route schemas. Every string has a length limit and refuses control
// characters, bodies are strict (an unknown field is refused, never stored), and lists
// page with an opaque cursor.
import { z } from 'zod';
import { AppError } from '../errors.ts';

// Tabs and newlines are allowed in free text; other control characters never are.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A trimmed, non-blank single-purpose text field of at most `max` characters. */
export function text(max: number) {
  return z
    .string()
    .max(max)
    .trim()
    .min(1)
    .refine((value) => !controlChars.test(value), 'control_chars');
}

/** Optional free text (notes, addresses) that may be empty. */
export function optionalText(max: number) {
  return z
    .string()
    .max(max)
    .trim()
    .refine((value) => !controlChars.test(value), 'control_chars');
}

/**
 * A short machine string (a filter, a name to sign in with) with no control characters:
 * PostgreSQL text cannot hold NUL, so one would otherwise fail in the database as a 500.
 */
export function plainString(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !controlChars.test(value), 'control_chars');
}

/** An entity id as path parameter or reference (`op_01J…`). */
export const entityId = plainString(64).min(1);

export const idParams = z.object({ id: entityId });

export const listQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Cursors carry the last id seen; base64url keeps them opaque to clients. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z]+_[0-9A-Z]{26}$/.test(id)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', code: 'invalid', message: '' }]);
  }
  return id;
}

/** Slices a page fetched with `limit + 1` rows into items and the next cursor. */
export function page<T extends { id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
