import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthHttpError, badRequest } from './errors';

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to the end and dropped, so the client gets the 413
  // instead of a connection reset while it is still sending.
  for await (const chunk of request) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  if (size > MAX_BODY_BYTES) {
    throw new AuthHttpError(413, 'request_entity_too_large', `Request body too large (max ${MAX_BODY_BYTES} bytes)`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GoTrue unmarshals every JSON endpoint's body into a struct whatever the
 * Content-Type says, so an empty or non-JSON body is `bad_json`, not a crash.
 */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    throw badRequest('bad_json', `Could not parse request body as JSON: ${reason}`);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: expected a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Reads an optional string field; any other JSON type is a `bad_json`, as Go's decoder would say. */
export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw badRequest('bad_json', `Could not parse request body as JSON: field "${name}" must be a string`);
  }
  return value;
}

export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(request));
}

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

export function sendHtml(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    // The page is a stand-in for a third-party consent screen; nobody may frame it.
    'X-Frame-Options': 'DENY',
    // No form-action directive: Chromium applies it to the redirect after the POST,
    // which would block the hop back to the app.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  });
  response.end(html);
}

export function redirect(response: ServerResponse, status: 302 | 303, location: string) {
  response.writeHead(status, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  response.end();
}

export function sendNoContent(response: ServerResponse) {
  response.writeHead(204);
  response.end();
}
