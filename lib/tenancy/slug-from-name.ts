/**
 * The URL-safe address an organization name suggests (`Acme Café` → `acme-cafe`).
 * Shared by the create form's live preview and the server, which has the final
 * say (uniqueness, minimum length); no server-only imports, so both can use it.
 */
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
