/**
 * The rules for an organization's address (`/dashboard/acme-cafe`), in one
 * place. The create form's live preview and the server both read this file,
 * so it has no server-only imports; the server has the final say (uniqueness).
 */
import { z } from 'zod';

export const SLUG_MAX_LENGTH = 48;
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

export const slugSchema = z
  .string()
  .regex(SLUG_PATTERN, 'must be 3 to 48 lowercase letters, digits or hyphens, not starting or ending with a hyphen');

/** The URL-safe words a name suggests (`Acme Café` → `acme-cafe`); may be too short to be a slug on its own. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** What the create form shows while the name is typed; the server checks the final one. */
export function suggestSlug(name: string): string {
  const slug = slugFromName(name);
  if (!slug) return '';
  return slug.length >= 3 ? slug : `${slug}-org`;
}

/** The server's slug for a name given without one: always valid, random-suffixed when the name offers too little. */
export function slugify(name: string): string {
  const words = slugFromName(name);
  return words.length >= 3 ? words : `${words || 'org'}-${randomHex(2)}`;
}

/** `acme`, `acme-2` … `acme-5`, then a random suffix, which is all but certain to be free. */
export function slugCandidates(name: string): string[] {
  const base = slugify(name);
  return [base, ...[2, 3, 4, 5].map((n) => `${base}-${n}`), `${base}-${randomHex(3)}`];
}

// Web Crypto, present in Node and browsers alike, keeps this file usable on both sides.
function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
