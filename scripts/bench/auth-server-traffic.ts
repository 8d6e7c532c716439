import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

export const JWKS_PATH = '/auth/v1/.well-known/jwks.json';
export const GET_USER_PATH = '/auth/v1/user';

export interface AuthServerTraffic {
  /** Requests the auth server on `port` has received for `path` so far. */
  count(port: number, path: string): number;
  stop(): void;
}

/**
 * Counts the requests the in-process auth emulators receive, by port and path,
 * through Node's own `http.server.request.start` diagnostics channel: nothing
 * in the emulator changes and no proxy sits in front of it (a proxy would
 * change the token issuer URL the app checks).
 */
export function watchAuthServerTraffic(): AuthServerTraffic {
  const counts = new Map<string, number>();
  const onRequest = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    const key = `${request.socket.localPort} ${(request.url ?? '').split('?')[0]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  diagnosticsChannel.subscribe('http.server.request.start', onRequest);
  return {
    count: (port, path) => counts.get(`${port} ${path}`) ?? 0,
    stop: () => diagnosticsChannel.unsubscribe('http.server.request.start', onRequest),
  };
}
