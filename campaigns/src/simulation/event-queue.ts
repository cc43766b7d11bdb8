/** A min-heap of events by time; events at the same time come out in the order they went in. */
export class EventQueue<T> {
  private readonly heap: { at: number; seq: number; event: T }[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, event: T): void {
    this.heap.push({ at, seq: this.seq, event });
    this.seq += 1;
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.earlier(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peekTime(): number | null {
    return this.heap[0]?.at ?? null;
  }

  pop(): { at: number; event: T } | null {
    const top = this.heap[0];
    const end = this.heap.pop();
    if (!top || !end) return null;
    if (this.heap.length > 0) {
      this.heap[0] = end;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        let first = i;
        if (left < this.heap.length && this.earlier(left, first)) first = left;
        if (left + 1 < this.heap.length && this.earlier(left + 1, first)) first = left + 1;
        if (first === i) break;
        this.swap(i, first);
        i = first;
      }
    }
    return { at: top.at, event: top.event };
  }

  private earlier(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    if (!a || !b) return false;
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i];
    const b = this.heap[j];
    if (!a || !b) return;
    this.heap[i] = b;
    this.heap[j] = a;
  }
}
