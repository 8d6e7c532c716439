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
  /** The same for PostgreSQL (all its processes) when it runs on this machine; null on PGlite or a remote server. */
  databaseCpuMsPerRequest: number | null;
  /** The same for the bench process, whose worker thread sends the requests: the load tool shares the cores it measures. */
  loadToolCpuMsPerRequest: number;
}

/** The processes whose CPU time a measurement reads: the answering server's, and PostgreSQL's postmaster's. */
export interface MeasuredProcesses {
  server?: number;
  database?: number;
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
  processes: MeasuredProcesses,
): Promise<Measurement> {
  const probe = await fetch(url, { headers });
  if (!probe.ok) throw new Error(`GET ${url} answered ${probe.status} before the load started: ${await probe.text()}`);
  await probe.arrayBuffer().catch(() => {});

  // A worker thread fires the requests, so the auth emulator (in this process's
  // main thread) answers on an event loop of its own, as a remote server would.
  const base = { url, headers, connections: settings.connections, workers: 1 };
  const warmup = settings.warmupSeconds > 0 ? await autocannon({ ...base, duration: settings.warmupSeconds }) : null;
  const cpuSeconds = (pid: number | undefined) => (pid === undefined ? null : cpuSecondsOfProcessTree(pid));
  const before = { server: cpuSeconds(processes.server), database: cpuSeconds(processes.database), loadTool: process.cpuUsage() };
  const result = await autocannon({ ...base, duration: settings.durationSeconds });
  const after = { server: cpuSeconds(processes.server), database: cpuSeconds(processes.database), loadTool: process.cpuUsage(before.loadTool) };
  const perRequest = (used: number | null, since: number | null) =>
    used === null || since === null || result.requests.total === 0 ? null : ((used - since) * 1000) / result.requests.total;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    requestsSent: 1 + (warmup?.requests.total ?? 0) + result.requests.total,
    errors: result.errors + (warmup?.errors ?? 0),
    non2xx: result.non2xx + (warmup?.non2xx ?? 0),
    serverCpuMsPerRequest: perRequest(after.server, before.server),
    databaseCpuMsPerRequest: perRequest(after.database, before.database),
    loadToolCpuMsPerRequest: perRequest((after.loadTool.user + after.loadTool.system) / 1e6, 0) ?? 0,
  };
}
