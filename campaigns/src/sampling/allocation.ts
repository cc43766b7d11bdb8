/**
 * How the sample is spread over strata. Proportional and equal allocations are rounded with the
 * largest-remainder method so the strata add up to the total exactly; `fixed` asks the same
 * size of every stratum.
 */
export type TAllocation = { method: 'proportional'; total: number } | { method: 'equal'; total: number } | { method: 'fixed'; perStratum: number };

export interface TStratumSize {
  key: string;
  /** rows that can be called (the frame the allocation is proportional to) */
  eligible: number;
}

function checkSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number, 0 or more`);
}

export function checkAllocation(allocation: TAllocation): void {
  if (allocation.method === 'fixed') checkSize(allocation.perStratum, 'perStratum');
  else checkSize(allocation.total, 'total');
}

/** the most any one stratum can be allocated, known before the frame has been read */
export function quotaBound(allocation: TAllocation): number {
  return allocation.method === 'fixed' ? allocation.perStratum : allocation.total;
}

/**
 * Splits `total` over the strata in proportion to their weights: each gets the whole part of its
 * share, and the units left go to the largest remainders (ties: larger weight, then larger
 * stratum, then key order). Integer arithmetic throughout (exact while total × weight < 2^53).
 */
export function largestRemainder(total: number, strata: readonly (TStratumSize & { weight: number })[]): Map<string, number> {
  checkSize(total, 'total');
  const sum = strata.reduce((s, x) => s + x.weight, 0);
  const out = new Map<string, number>(strata.map((s) => [s.key, 0]));
  if (sum === 0) return out;
  const shares = strata.map((s) => ({ ...s, whole: Math.floor((total * s.weight) / sum), remainder: (total * s.weight) % sum }));
  let left = total - shares.reduce((n, s) => n + s.whole, 0);
  const order = [...shares].sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || b.eligible - a.eligible || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // the remainders sum to `left × sum`, each below `sum`: at least `left` strata have one
  for (const s of order) {
    const extra = left > 0 && s.remainder > 0 ? 1 : 0;
    left -= extra;
    out.set(s.key, s.whole + extra);
  }
  return out;
}

/** planned size per stratum */
export function allocate(allocation: TAllocation, strata: readonly TStratumSize[]): Map<string, number> {
  checkAllocation(allocation);
  switch (allocation.method) {
    case 'proportional':
      return largestRemainder(allocation.total, strata.map((s) => ({ ...s, weight: s.eligible })));
    case 'equal':
      return largestRemainder(allocation.total, strata.map((s) => ({ ...s, weight: 1 })));
    case 'fixed':
      return new Map(strata.map((s) => [s.key, allocation.perStratum]));
  }
}
