import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowStripeProxy {
  url: string;
  /** Where requests go; set once the stand-in is up. */
  target: string;
  /** Answers to requests whose method and path match are held back this long. */
  slowDown: { matches: (method: string, path: string) => boolean; ms: number } | null;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the Stripe stand-in that can hold chosen answers
 * back, the way Stripe's latency would, so a test can make two requests'
 * steps overlap on purpose instead of hoping they do.
 */
export async function startSlowStripeProxy(): Promise<SlowStripeProxy> {
  const proxy: SlowStripeProxy = {
    url: '',
    target: '',
    slowDown: null,
    close: async () => {},
  };
  const server: Server = createServer((incoming, outgoing) => {
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    const delay = proxy.slowDown?.matches(method, path) ? proxy.slowDown.ms : 0;
    const target = new URL(path, proxy.target);
    // Stripe answers from what it held when the request arrived: forwarded at once, the answer held back.
    const upstream = forward(target, { method, headers: { ...incoming.headers, host: target.host } }, (response) => {
      setTimeout(() => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      }, delay);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
