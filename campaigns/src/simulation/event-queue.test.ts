import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

describe('EventQueue', () => {
  it('gives events back by time, and in arrival order at the same time', () => {
    const queue = new EventQueue<string>();
    queue.push(5, 'e');
    queue.push(1, 'a');
    queue.push(3, 'c1');
    queue.push(3, 'c2');
    queue.push(2, 'b');
    queue.push(3, 'c3');
    const out: string[] = [];
    for (let item = queue.pop(); item; item = queue.pop()) out.push(item.event);
    expect(out).toEqual(['a', 'b', 'c1', 'c2', 'c3', 'e']);
    expect(queue.pop()).toBeNull();
  });
});
