import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

interface ProcessStat {
  pid: number;
  parent: number;
  /** User + system CPU, in clock ticks. */
  ticks: number;
  /** Resident set size, in pages. */
  residentPages: number;
}

const PAGE_SIZE = Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout?.trim()) || 4096;

/** Process `pid` and its descendants, from Linux's /proc; null where there is none. */
function processTree(pid: number): ProcessStat[] | null {
  let processes: ProcessStat[];
  try {
    processes = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => {
        try {
          const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
          // Fields after the command name, which is in parentheses and may contain spaces.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return [{ pid: Number(name), parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), residentPages: Number(fields[21]) }];
        } catch {
          return []; // exited while we looked
        }
      });
  } catch {
    return null;
  }
  if (!processes.some((candidate) => candidate.pid === pid)) return null;
  const inTree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const candidate of processes) {
      if (!inTree.has(candidate.pid) && inTree.has(candidate.parent)) {
        inTree.add(candidate.pid);
        grew = true;
      }
    }
  }
  return processes.filter((candidate) => inTree.has(candidate.pid));
}

/**
 * CPU seconds that process `pid` and its descendants have used so far (all
 * their threads, user and system); null where there is none. Unlike requests
 * per second, CPU time per request hardly moves when other work shares the
 * machine, so it says what a request costs the server.
 */
export function cpuSecondsOfProcessTree(pid: number): number | null {
  const tree = processTree(pid);
  return tree === null ? null : tree.reduce((sum, entry) => sum + entry.ticks, 0) / TICKS_PER_SECOND;
}

/** Resident memory of process `pid` and its descendants, in MiB; null where there is none. */
export function residentMebibytesOfProcessTree(pid: number): number | null {
  const tree = processTree(pid);
  return tree === null ? null : (tree.reduce((sum, entry) => sum + entry.residentPages, 0) * PAGE_SIZE) / 2 ** 20;
}

/**
 * PostgreSQL's postmaster, whose descendants are every backend: the parent of
 * the backend that answered `backendPid`, when that backend runs on this
 * machine (its /proc entry exists and is a postgres process); null otherwise.
 */
export function postmasterOf(backendPid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${backendPid}/stat`, 'utf8');
    if (!stat.includes('(postgres)')) return null;
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return readFileSync(`/proc/${parent}/comm`, 'utf8').trim() === 'postgres' ? parent : null;
  } catch {
    return null;
  }
}
