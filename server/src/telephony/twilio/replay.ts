/**
 * Answers to webhooks already taken, by a key naming the step (CallSid + document step, or
 * CallSid + status + SequenceNumber). Twilio retries a webhook that timed out or failed to
 * connect; the retry must get the same answer and change nothing. The promise itself is kept,
 * so a retry that arrives while the first request is still waiting shares its answer.
 * Answers are kept for `retentionMs` (long after Twilio has stopped retrying), and never more
 * than `capacity` of them, oldest out first.
 */
export class ReplayCache<T> {
  private readonly answers = new Map<string, { answer: Promise<T>; at: number }>();

  constructor(
    private readonly capacity = 100_000,
    private readonly retentionMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** runs `handle` the first time `key` is seen; later calls get the first call's answer */
  run(key: string, handle: () => Promise<T>): Promise<T> {
    const known = this.answers.get(key);
    if (known) return known.answer;
    const answer = handle();
    const at = this.now();
    this.answers.set(key, { answer, at });
    // a request that failed did not happen: its retry is handled afresh
    answer.catch(() => this.answers.delete(key));
    this.forgetOld(at);
    return answer;
  }

  has(key: string): boolean {
    return this.answers.has(key);
  }

  get size(): number {
    return this.answers.size;
  }

  /** the map keeps insertion order, so the oldest entries are first */
  private forgetOld(now: number): void {
    for (const [key, entry] of this.answers) {
      if (this.answers.size <= this.capacity && now - entry.at <= this.retentionMs) return;
      this.answers.delete(key);
    }
  }
}
