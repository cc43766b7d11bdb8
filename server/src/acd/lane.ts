import type { TPlacedCall } from './model.js';
import type { TSkillMask } from './skills.js';

/** a waiting call with its tie-breaker: the order it was placed in */
export interface TLaneEntry extends TPlacedCall {
  seq: number;
}

/** within a lane: higher priority first, then lower order (earlier arrival), then first placed */
export function compareEntries(a: TLaneEntry, b: TLaneEntry): number {
  return b.priority - a.priority || a.order - b.order || a.seq - b.seq;
}

/**
 * The calls of one queue that need the same skills, in the order they are served. Every call
 * of a lane can go to the same agents, so only its head competes with other lanes' heads.
 */
export class Lane {
  readonly entries: TLaneEntry[] = [];

  constructor(
    readonly key: string,
    readonly queue: string,
    readonly extraSkills: readonly string[],
    public mask: TSkillMask,
  ) {}

  get head(): TLaneEntry | undefined {
    return this.entries[0];
  }

  insert(entry: TLaneEntry): number {
    // after every entry that sorts before or equal to it: binary search for the upper bound
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.entries[mid];
      if (other && compareEntries(other, entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, entry);
    return lo;
  }

  remove(id: string): TLaneEntry | null {
    const index = this.entries.findIndex((e) => e.id === id);
    if (index < 0) return null;
    const [removed] = this.entries.splice(index, 1);
    return removed ?? null;
  }

  shift(): TLaneEntry | null {
    return this.entries.shift() ?? null;
  }

  /** how many entries are served before `entry` */
  ahead(entry: TLaneEntry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.entries[mid];
      if (other && compareEntries(other, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
