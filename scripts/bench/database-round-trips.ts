import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the app and PostgreSQL that counts, without changing a
 * byte, what a request costs the database in conversation:
 *
 * - round trips: each time the app sends after PostgreSQL has answered, it
 *   has waited for that answer; queries sent together before any answer
 *   (pipelined) count once;
 * - statements: Execute messages (extended protocol) and simple Query messages.
 *
 * The app is pointed at the relay only for the counting phase, so its own
 * cost never shows in the throughput numbers.
 */
export interface RoundTripCounter {
  url: string;
  counts(): { roundTrips: number; statements: number };
  close(): Promise<void>;
}

export async function startRoundTripCounter(databaseUrl: string): Promise<RoundTripCounter> {
  const target = new URL(databaseUrl);
  let roundTrips = 0;
  let statements = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const database = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(database);
    let serverSpokeLast = true;
    const messages = clientMessageReader((type) => {
      if (type === 'E' || type === 'Q') statements += 1;
    });
    client.on('data', (chunk: Buffer) => {
      if (serverSpokeLast) roundTrips += 1;
      serverSpokeLast = false;
      messages(chunk);
      database.write(chunk);
    });
    database.on('data', (chunk: Buffer) => {
      serverSpokeLast = true;
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      database.destroy();
      sockets.delete(client);
      sockets.delete(database);
    };
    client.on('close', close).on('error', close);
    database.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the round-trip relay has no port');

  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    counts: () => ({ roundTrips, statements }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Splits the client's byte stream into protocol messages (a type byte and a
 * length) and reports each type. The first message, the startup packet, has
 * no type byte; the relay is plain TCP, so no TLS request comes first.
 */
function clientMessageReader(onMessage: (type: string) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (!started) {
        if (pending.length < 4) return;
        const length = pending.readInt32BE(0);
        if (pending.length < length) return;
        pending = pending.subarray(length);
        started = true;
        continue;
      }
      if (pending.length < 5) return;
      const length = pending.readInt32BE(1);
      if (pending.length < 1 + length) return;
      onMessage(String.fromCharCode(pending[0]!));
      pending = pending.subarray(1 + length);
    }
  };
}
