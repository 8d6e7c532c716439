import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadSettings, Measurement } from './load';

export interface EndpointResult extends Measurement {
  name: string;
  /** Which server answered: `next start`, or the plain node:http comparison server. */
  server: 'next' | 'comparison';
  /** This row divided by its own server's floor (health without database). */
  throughputVsFloor: number;
  p50VsFloor: number;
  /** Requests the auth server received per request sent (getUser calls, JWKS fetches). */
  authServerCallsPerRequest: number;
  /** Each round's own numbers; the row above holds their medians (ratios: the median of each round's ratio to its floor). */
  rounds: { requestsPerSecond: number; p50Ms: number; throughputVsFloor: number; p50VsFloor: number }[];
}

export interface VerificationResult {
  algorithm: 'ES256' | 'RS256';
  /** `local`: verifyAccessToken; `get-user`: a supabase.auth.getUser() round trip to the auth server. */
  mode: 'local' | 'get-user';
  perSecond: number;
  /** False where `taskset` is missing: then the number may use more than one core. */
  pinnedToOneCore: boolean;
}

/** The projects route held at saturation, with the server's resident memory around it. */
export interface SaturationResult extends Measurement {
  connections: number;
  seconds: number;
  residentMebibytes: { before: number | null; after: number | null; afterIdle: number | null };
}

/** Database conversation per request, counted by the relay (PostgreSQL only). */
export interface RoundTripResult {
  name: string;
  requests: number;
  /** Times the server waited for the database per request: pipelined statements count once. */
  roundTripsPerRequest: number;
  statementsPerRequest: number;
}

export interface Target {
  goal: string;
  actual: string;
  met: boolean;
}

export interface BenchReport {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  settings: LoadSettings & { projects: number; database: 'pglite' | 'postgres'; authRoundTripMs: number; rounds: number };
  endpoints: EndpointResult[];
  saturation: SaturationResult | null;
  roundTrips: RoundTripResult[];
  verification: VerificationResult[];
  jwksFetches: { nextServer: number; comparisonServer: number; verifiedRequests: number };
  targets: Target[];
  loadAverageAfter: number[];
  durationSeconds: number;
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews the numbers. */
    loadAverageBefore: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

const SERVER_LABEL = { next: 'next start', comparison: 'node:http (comparison)' } as const;

function tableRows(report: BenchReport): string[][] {
  const header = [
    'endpoint',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'non-2xx',
    'req/s vs floor',
    'p50 vs floor',
    'server CPU ms/req',
    'database CPU ms/req',
    'load tool CPU ms/req',
    'auth server calls/req',
  ];
  const rows = report.endpoints.map((row) => [
    row.name,
    SERVER_LABEL[row.server],
    row.requestsPerSecond.toFixed(0),
    String(row.p50Ms),
    String(row.p99Ms),
    String(row.errors),
    String(row.non2xx),
    `${(row.throughputVsFloor * 100).toFixed(0)}%`,
    `${row.p50VsFloor.toFixed(2)}×`,
    row.serverCpuMsPerRequest === null ? 'n/a' : row.serverCpuMsPerRequest.toFixed(2),
    row.databaseCpuMsPerRequest === null ? 'n/a' : row.databaseCpuMsPerRequest.toFixed(2),
    row.loadToolCpuMsPerRequest.toFixed(2),
    row.authServerCallsPerRequest.toFixed(row.authServerCallsPerRequest >= 0.1 ? 2 : 4),
  ]);
  return [header, ...rows];
}

function summaryLines(report: BenchReport): string[] {
  const { machine, settings } = report;
  const rate = (result: VerificationResult) => `${Math.round(result.perSecond).toLocaleString('en-US')}/s`;
  const verification = report.verification
    .map((result) => (result.mode === 'local' ? `${result.algorithm} ${rate(result)}` : `getUser() round trip ${rate(result)}`))
    .join(', ');
  const pinned = report.verification.every((result) => result.pinnedToOneCore) ? 'one core' : 'not pinned: taskset missing';
  const lines = [
    `Machine: ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}, ${machine.memoryGiB} GiB; load average ${machine.loadAverageBefore.join(' / ')} before, ${report.loadAverageAfter.join(' / ')} after`,
    `Load: ${settings.connections} connections × ${settings.durationSeconds} s per endpoint after ${settings.warmupSeconds} s warm-up, ${settings.rounds} rounds in turn for the floor, /me and projects (bearer, cookie), medians reported; database ${settings.database}; ${settings.projects} projects (first page of 20); latencies in whole ms (autocannon); server CPU = the answering process's CPU time (all threads) per request; database CPU = every PostgreSQL process's (on this machine), load tool = the bench process's, whose worker sends the requests`,
    `Token checks alone (${pinned}): verifyAccessToken ${verification}`,
    `JWKS fetches: next-server ${report.jwksFetches.nextServer}, comparison server ${report.jwksFetches.comparisonServer}, for ${report.jwksFetches.verifiedRequests.toLocaleString('en-US')} locally authenticated requests`,
  ];
  if (settings.authRoundTripMs > 0) {
    lines.push(`getUser() at a distance: the comparison server holds each auth server answer ${settings.authRoundTripMs} ms (a simulated same-region round trip)`);
  }
  const { saturation } = report;
  if (saturation) {
    const mib = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);
    const memory = saturation.residentMebibytes;
    lines.push(
      `Saturation: projects (bearer), ${saturation.connections} connections × ${saturation.seconds} s: ${saturation.requestsPerSecond.toFixed(0)} req/s, p50 ${saturation.p50Ms} ms, p99 ${saturation.p99Ms} ms, ${saturation.errors} errors, ${saturation.non2xx} non-2xx; server memory (RSS) ${mib(memory.before)} before, ${mib(memory.after)} right after, ${mib(memory.afterIdle)} 5 s later`,
    );
  }
  const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
  for (const row of report.endpoints.filter((candidate) => candidate.rounds.length > 1 && !candidate.name.includes('(floor)'))) {
    lines.push(
      `Rounds: ${row.name}: ${row.rounds.map((round) => `${percent(round.throughputVsFloor)} / ${round.p50VsFloor.toFixed(2)}×`).join(', ')} of the floor's req/s / p50 (median reported)`,
    );
  }
  for (const row of report.roundTrips) {
    lines.push(`Database round trips: ${row.name}: ${row.roundTripsPerRequest.toFixed(2)} per request (${row.statementsPerRequest.toFixed(2)} statements), over ${row.requests} requests one at a time`);
  }
  if (report.roundTrips.length === 0) lines.push('Database round trips: not counted (PGlite runs inside the server; set DATABASE_URL to count them on PostgreSQL)');
  return lines;
}

function targetLines(report: BenchReport): string[] {
  return report.targets.map((target) => `${target.met ? '✓' : '✗'} ${target.goal}: ${target.actual}`);
}

export function renderText(report: BenchReport): string {
  const rows = tableRows(report);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = (column: number) => column >= 2;
  const line = (row: string[]) =>
    row.map((cell, column) => (numeric(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ');
  return [
    line(rows[0]!),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1).map(line),
    '',
    ...summaryLines(report),
    '',
    ...targetLines(report),
  ].join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const rows = tableRows(report);
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [
    `# npm run bench, ${report.date}`,
    '',
    line(rows[0]!),
    `|${rows[0]!.map((_, column) => (column >= 2 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.slice(1).map(line),
    '',
    ...summaryLines(report).map((text) => `- ${text}`),
    '',
    ...targetLines(report).map((text) => `- ${text}`),
    '',
  ].join('\n');
}

/** bench-results/latest.{json,md} (git-ignored), plus a dated JSON copy so runs can be compared. */
export function writeReport(report: BenchReport, directory = path.join(process.cwd(), 'bench-results')): string[] {
  mkdirSync(directory, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files = [
    [path.join(directory, 'latest.json'), json],
    [path.join(directory, 'latest.md'), renderMarkdown(report)],
    [path.join(directory, `${report.date.replace(/[:.]/g, '-')}.json`), json],
  ] as const;
  for (const [file, content] of files) writeFileSync(file, content);
  return files.map(([file]) => path.relative(process.cwd(), file));
}
