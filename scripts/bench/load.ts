import autocannon from 'autocannon';
import { cpuSecondsOfProcessTree } from './process-usage';

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Every request sent, warm-up included (the denominator for "auth server calls per request"). */
  requestsSent: number;
  errors: number;
  non2xx: number;
  /** CPU time the answering server used per measured request (warm-up excluded); null where it cannot be read. */
  serverCpuMsPerRequest: number | null;
}

/**
 * Loads one URL with a fixed number of connections for a fixed time, after a
 * warm-up whose numbers are thrown away (first requests load route modules,
 * fill the JIT and the JWKS cache). One checked request comes first, so a
 * broken endpoint stops the run with its answer instead of a table of 401s.
 */
export async function measure(
  url: string,
  headers: Record<string, string>,
  settings: LoadSettings,
  serverPid: number | undefined,
): Promise<Measurement> {
  const probe = await fetch(url, { headers });
  if (!probe.ok) throw new Error(`GET ${url} answered ${probe.status} before the load started: ${await probe.text()}`);
  await probe.arrayBuffer().catch(() => {});

  // A worker thread fires the requests, so the auth emulator (in this process's
  // main thread) answers on an event loop of its own, as a remote server would.
  const base = { url, headers, connections: settings.connections, workers: 1 };
  const warmup = settings.warmupSeconds > 0 ? await autocannon({ ...base, duration: settings.warmupSeconds }) : null;
  const cpuBefore = serverPid === undefined ? null : cpuSecondsOfProcessTree(serverPid);
  const result = await autocannon({ ...base, duration: settings.durationSeconds });
  const cpuAfter = serverPid === undefined ? null : cpuSecondsOfProcessTree(serverPid);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    requestsSent: 1 + (warmup?.requests.total ?? 0) + result.requests.total,
    errors: result.errors + (warmup?.errors ?? 0),
    non2xx: result.non2xx + (warmup?.non2xx ?? 0),
    serverCpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0
        ? null
        : ((cpuAfter - cpuBefore) * 1000) / result.requests.total,
  };
}
