/**
 * Recent handling times per queue (talk plus wrap-up), for the wait a caller is told. A short
 * window follows the day's mix of calls; before a queue has history, a configured average
 * stands in.
 */
export class HandlingTimes {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly defaultSec: number,
    private readonly window = 20,
  ) {}

  record(queue: string, seconds: number): void {
    if (!(seconds >= 0)) return;
    const list = this.recent.get(queue) ?? [];
    list.push(seconds);
    if (list.length > this.window) list.splice(0, list.length - this.window);
    this.recent.set(queue, list);
  }

  averageSec(queue: string): number {
    const list = this.recent.get(queue);
    if (!list || list.length === 0) return this.defaultSec;
    return list.reduce((sum, s) => sum + s, 0) / list.length;
  }
}

/**
 * The wait a caller at `position` can expect: callers ahead of them beyond the ready agents,
 * worked through by the agents staffing the queue, one average handling time each. With nobody
 * signed in it assumes one agent: pessimistic, never zero for a caller who cannot be served.
 */
export function expectedWaitSec(position: number, staffing: { ready: number; busy: number }, averageSec: number): number {
  const ahead = Math.max(0, position - staffing.ready);
  if (ahead === 0 && staffing.ready > 0) return 0;
  const agents = Math.max(1, staffing.ready + staffing.busy);
  return Math.round((Math.max(ahead, 1) * averageSec) / agents);
}
