/**
 * How two email addresses are compared wherever one grants access (an
 * invitation to its addressee): lowercased in ASCII only, then compared
 * exactly.
 *
 * Full Unicode lowercasing (String#toLowerCase, Postgres lower()) and Unicode
 * normalization both fold look-alikes into ASCII: the Kelvin sign U+212A
 * lowercases to "k", so a token for "\u212Aate@example.com" would match an
 * invitation for "kate@example.com". Only A-Z are folded here; every other
 * character must be the same code point.
 */
export const ASCII_UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** For SQL, where lower() folds Unicode too: `translate(email, ASCII_UPPERCASE, ASCII_LOWERCASE)`. */
export const ASCII_LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';

export function normalizeEmail(email: string): string {
  return email.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** True when both addresses are present and name the same mailbox under `normalizeEmail`. */
export function isSameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return normalizeEmail(a) === normalizeEmail(b);
}
