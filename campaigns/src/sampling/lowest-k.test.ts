import { describe, expect, it } from 'vitest';
import { LowestK } from './lowest-k.js';

describe('LowestK', () => {
  it('keeps the k lowest ranks whatever the order they are offered in', () => {
    const ranks = [9, 3, 7, 1, 8, 2, 6, 4, 5, 0];
    const heap = new LowestK<string>(4);
    for (const r of ranks) heap.offer({ rank: r, id: r, item: `r${r}` });
    expect(heap.sorted().map((e) => e.item)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(heap.size).toBe(4);
  });

  it('breaks equal ranks by id', () => {
    const heap = new LowestK<number>(2);
    for (const id of [5, 1, 3]) heap.offer({ rank: 7, id, item: id });
    expect(heap.sorted().map((e) => e.item)).toEqual([1, 3]);
    expect(heap.wouldKeep(7, 2)).toBe(true);
    expect(heap.wouldKeep(7, 4)).toBe(false);
  });

  it('agrees with a full sort on many random offers, and hands out the n lowest on request', () => {
    let s = 7;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 1000;
    const offers = Array.from({ length: 5000 }, (_, id) => ({ rank: next(), id }));
    const heap = new LowestK<number>(300);
    for (const o of offers) heap.offer({ ...o, item: o.id });
    const expected = [...offers].sort((a, b) => a.rank - b.rank || a.id - b.id);
    expect(heap.sorted().map((e) => e.id)).toEqual(expected.slice(0, 300).map((e) => e.id));
    expect(heap.lowest(25).map((e) => e.id)).toEqual(expected.slice(0, 25).map((e) => e.id));
    expect(heap.lowest(1000)).toHaveLength(300);
  });

  it('keeps nothing with no capacity', () => {
    const heap = new LowestK<number>(0);
    heap.offer({ rank: 1, id: 1, item: 1 });
    expect(heap.size).toBe(0);
    expect(heap.wouldKeep(0, 0)).toBe(false);
  });
});
