export interface TRanked<T> {
  rank: number;
  /** breaks ties between equal ranks, so the kept set never depends on arrival order */
  id: number;
  item: T;
}

/**
 * Keeps the k entries with the lowest (rank, id) offered so far, in O(k) memory: a max-heap
 * whose root is the worst entry kept, so most offers are refused after one comparison. Ranks
 * and ids sit in typed arrays (exact for integers below 2^53); a frame of a million rows makes
 * hundreds of thousands of replacements, and plain objects made that the slowest step.
 */
export class LowestK<T> {
  private readonly ranks: Float64Array;
  private readonly ids: Float64Array;
  private readonly items: (T | undefined)[];
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError('capacity must be a whole number, 0 or more');
    this.ranks = new Float64Array(capacity);
    this.ids = new Float64Array(capacity);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** whether an entry of this rank would be kept; lets callers build the item only when it is */
  wouldKeep(rank: number, id: number): boolean {
    if (this.count < this.capacity) return true;
    if (this.capacity === 0) return false;
    return this.below(rank, id, 0);
  }

  offer(entry: TRanked<T>): void {
    if (this.count < this.capacity) {
      this.siftUp(this.count, entry);
      this.count += 1;
      return;
    }
    if (this.capacity === 0 || !this.below(entry.rank, entry.id, 0)) return;
    this.siftDown(entry);
  }

  /** the kept entries, lowest first */
  sorted(): TRanked<T>[] {
    return this.lowest(this.count);
  }

  /**
   * The n lowest kept entries, lowest first. A native sort of the ranks finds the n-th rank, so
   * only the entries at or below it become objects: a stratum keeps thousands of candidates and
   * usually needs a few hundred.
   */
  lowest(n: number): TRanked<T>[] {
    const take = Math.min(Math.max(0, n), this.count);
    if (take === 0) return [];
    const threshold = take === this.count ? Infinity : (this.ranks.slice(0, this.count).sort()[take - 1] ?? Infinity);
    const out: TRanked<T>[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const item = this.items[i];
      const rank = this.ranks[i] ?? 0;
      if (item !== undefined && rank <= threshold) out.push({ rank, id: this.ids[i] ?? 0, item });
    }
    return out.sort((a, b) => a.rank - b.rank || a.id - b.id).slice(0, take);
  }

  /** (rank, id) sorts before the entry at slot i */
  private below(rank: number, id: number, i: number): boolean {
    return precedes(rank, id, this.ranks[i] ?? 0, this.ids[i] ?? 0);
  }

  private moveSlot(from: number, to: number): void {
    this.ranks[to] = this.ranks[from] ?? 0;
    this.ids[to] = this.ids[from] ?? 0;
    this.items[to] = this.items[from];
  }

  private put(i: number, entry: TRanked<T>): void {
    this.ranks[i] = entry.rank;
    this.ids[i] = entry.id;
    this.items[i] = entry.item;
  }

  /** moves smaller parents down until the entry's slot is found (a hole rather than swaps) */
  private siftUp(start: number, entry: TRanked<T>): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!precedes(this.ranks[parent] ?? 0, this.ids[parent] ?? 0, entry.rank, entry.id)) break;
      this.moveSlot(parent, i);
      i = parent;
    }
    this.put(i, entry);
  }

  /** puts the entry at the root and moves larger children up past it */
  private siftDown(entry: TRanked<T>): void {
    const n = this.count;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const child = left + 1 < n && this.below(this.ranks[left] ?? 0, this.ids[left] ?? 0, left + 1) ? left + 1 : left;
      if (!precedes(entry.rank, entry.id, this.ranks[child] ?? 0, this.ids[child] ?? 0)) break;
      this.moveSlot(child, i);
      i = child;
    }
    this.put(i, entry);
  }
}

function precedes(rank: number, id: number, otherRank: number, otherId: number): boolean {
  return rank < otherRank || (rank === otherRank && id < otherId);
}
