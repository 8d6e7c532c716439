/**
 * The stand-in's notion of "now", in unix seconds: wall time plus an offset
 * that only moves forward (`advance`). While the billing cycle processes
 * something that fell due, the clock is pinned to that moment so objects and
 * events carry the time the change would really have happened.
 */
import type { StandInState } from './store';

export class Clock {
  private pinned: number | null = null;

  constructor(private readonly state: StandInState) {}

  now(): number {
    return this.pinned ?? Math.floor(Date.now() / 1000) + this.state.clockOffsetSeconds;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error('The clock only moves forward.');
    this.state.clockOffsetSeconds += Math.floor(seconds);
  }

  runAt<T>(moment: number, work: () => T): T {
    const previous = this.pinned;
    this.pinned = moment;
    try {
      return work();
    } finally {
      this.pinned = previous;
    }
  }
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `30d`, `12h`, `90m`, `45s`, `2w` or plain seconds -> seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhdw]?)$/.exec(text.trim());
  if (!match) throw new Error(`Cannot read duration "${text}"; use e.g. 30d, 12h, 90m or 3600.`);
  return Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1);
}

/** Adds calendar months the way Stripe anchors billing: Jan 31 + 1 month = Feb 28/29. */
export function addInterval(from: number, interval: 'day' | 'week' | 'month' | 'year', count: number): number {
  if (interval === 'day') return from + count * 86_400;
  if (interval === 'week') return from + count * 604_800;
  const date = new Date(from * 1000);
  const months = interval === 'year' ? count * 12 : count;
  const day = date.getUTCDate();
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return Math.floor(target.getTime() / 1000);
}
