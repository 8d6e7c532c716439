/**
 * The verified identity every domain function takes. Built only from a
 * verified token; the API ignores any user id in a body, query or header.
 *
 * `kind` names what proved the identity. Today that is always a person's
 * access token; a caller proven another way (an organization's API key) gets
 * its own kind here, so code that must tell them apart can.
 */
export interface Caller {
  kind: 'person';
  userId: string;
  email: string | null;
  /** The verified claims, handed to Postgres as `request.jwt.claims` for RLS. */
  claims: Record<string, unknown>;
}
