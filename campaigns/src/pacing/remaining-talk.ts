/** index of the first sample greater than `value` in ascending samples */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** conversations longer than the elapsed time needed before their share is trusted */
const MIN_LONGER = 8;

/**
 * The chance that a conversation which has lasted `elapsedSec` ends within `withinSec` more,
 * from recent talk times (ascending): of the recent conversations that outlasted `elapsedSec`,
 * the share that ended in the window. Talk times are far from memoryless (a call a minute old is
 * less likely to end in the next ten seconds than one four minutes old), so this tells agents
 * about to be free from those who are not. Too few longer conversations: the memoryless guess
 * from the mean.
 */
export function talkEndsWithin(elapsedSec: number, withinSec: number, sortedTalkSec: readonly number[], meanTalkSec: number): number {
  if (withinSec <= 0) return 0;
  const from = upperBound(sortedTalkSec, elapsedSec);
  const longer = sortedTalkSec.length - from;
  if (longer < MIN_LONGER) return Math.min(1, withinSec / Math.max(1, meanTalkSec));
  const ended = upperBound(sortedTalkSec, elapsedSec + withinSec) - from;
  return ended / longer;
}
