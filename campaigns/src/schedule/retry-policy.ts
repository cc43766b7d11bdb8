/** How soon a contact may be called again, by what the last attempt found. */
export interface TRetryPolicy {
  /** attempts per contact, the first included */
  maxAttempts: number;
  busyMinutes: number;
  noAnswerMinutes: number;
  /** an answering machine: the person may be back later the same day */
  machineMinutes: number;
  /** a survey begun and not finished */
  partialMinutes: number;
  /** no redial within this many hours of a call we abandoned (the person heard silence or a message) */
  abandonedQuietHours: number;
}

export const DEFAULT_RETRY_POLICY: TRetryPolicy = {
  maxAttempts: 3,
  busyMinutes: 30,
  noAnswerMinutes: 120,
  machineMinutes: 120,
  partialMinutes: 120,
  abandonedQuietHours: 72,
};

const KEYS: readonly (keyof TRetryPolicy)[] = ['maxAttempts', 'busyMinutes', 'noAnswerMinutes', 'machineMinutes', 'partialMinutes', 'abandonedQuietHours'];

function isKey(key: string): key is keyof TRetryPolicy {
  return (KEYS as readonly string[]).includes(key);
}

/**
 * The policy from a campaign's `retry_policy` JSON (and its `max_attempts` column): known keys
 * override the defaults, unknown keys are reported, a value that is not a sensible number throws.
 */
export function retryPolicyFrom(json: unknown, maxAttempts?: number): { policy: TRetryPolicy; ignored: string[] } {
  const policy: TRetryPolicy = { ...DEFAULT_RETRY_POLICY };
  const ignored: string[] = [];
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    for (const [key, value] of Object.entries(json)) {
      if (!isKey(key)) {
        ignored.push(key);
        continue;
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`retry policy ${key} must be a number, 0 or more`);
      policy[key] = value;
    }
  } else if (json !== null && json !== undefined) {
    throw new RangeError('a retry policy is a JSON object');
  }
  if (maxAttempts !== undefined) policy.maxAttempts = maxAttempts;
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number, 1 or more');
  return { policy, ignored };
}
