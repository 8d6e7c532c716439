import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

export interface NextProcess {
  child: ChildProcess;
  /** Stops the server and every process it started. */
  stop(): void;
}

/**
 * Runs the `next` CLI in its own process group. Going through `npx` would
 * leave the real server running when only the wrapper is killed, and a stale
 * server quietly answers the next test run on the same port.
 */
export function runNext(
  args: string[],
  options: { env: NodeJS.ProcessEnv; quiet?: boolean; ownProcessGroup?: boolean },
): NextProcess {
  // A caller that is itself killed as a group (Playwright's webServer) keeps
  // the server in its group, so the server dies with it even on SIGKILL.
  const detached = options.ownProcessGroup ?? true;
  const child = spawn(process.execPath, [nextBin, ...args], {
    env: options.env,
    stdio: options.quiet ? 'ignore' : 'inherit',
    detached,
  });
  return {
    child,
    stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        if (detached) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
