import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * CPU seconds that process `pid` and its descendants have used so far (all
 * their threads, user and system), from Linux's /proc; null where there is
 * none. Unlike requests per second, CPU time per request hardly moves when
 * other work shares the machine, so it says what a request costs the server.
 */
export function cpuSecondsOfProcessTree(pid: number): number | null {
  let processes: { pid: number; parent: number; ticks: number }[];
  try {
    processes = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => {
        try {
          const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
          // Fields after the command name, which is in parentheses and may contain spaces.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return [{ pid: Number(name), parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
        } catch {
          return []; // exited while we looked
        }
      });
  } catch {
    return null;
  }
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
  const ticks = processes.filter((candidate) => inTree.has(candidate.pid)).reduce((sum, candidate) => sum + candidate.ticks, 0);
  return processes.some((candidate) => candidate.pid === pid) ? ticks / TICKS_PER_SECOND : null;
}
