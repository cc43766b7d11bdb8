import { describe, expect, it } from 'vitest';
import { talkEndsWithin } from './remaining-talk.js';

describe('talkEndsWithin', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 + i); // 100 … 199 s

  it('is the share of longer conversations that ended in the window', () => {
    // 50 outlast 149.5 s; 10 of them end by 159.5 s
    expect(talkEndsWithin(149.5, 10, samples, 150)).toBeCloseTo(0.2, 10);
    // none of the recent conversations ended before 100 s
    expect(talkEndsWithin(20, 30, samples, 150)).toBe(0);
    expect(talkEndsWithin(150, 0, samples, 150)).toBe(0);
  });

  it('falls back to the memoryless guess past the longest recent conversations', () => {
    expect(talkEndsWithin(195, 15, samples, 150)).toBeCloseTo(0.1, 10);
    expect(talkEndsWithin(10, 15, [], 150)).toBeCloseTo(0.1, 10);
  });
});
