import type { Logger } from '../../logger.js';
import type { TProgress, TProgressUpdate } from './results.schemas.js';

export const PROGRESS_INTERVAL_MS = 2000;

/**
 * Pushes each running campaign's progress to supervisors and administrators every couple of
 * seconds while any campaign runs; once the last one stops, one empty update clears the
 * consoles, then it stays quiet. A beat that is still reading skips the next one.
 */
export function startCampaignProgress(deps: {
  running: () => Promise<TProgress[]>;
  send: (update: TProgressUpdate) => void;
  logger: Logger;
  intervalMs?: number;
  now?: () => Date;
}): { stop: () => void; beat: () => Promise<void> } {
  const { running, send, logger, intervalMs = PROGRESS_INTERVAL_MS, now = () => new Date() } = deps;
  let busy: Promise<void> | null = null;
  let lastWasEmpty = true;

  async function once(): Promise<void> {
    const campaigns = await running();
    if (campaigns.length === 0 && lastWasEmpty) return;
    lastWasEmpty = campaigns.length === 0;
    send({ at: now().toISOString(), campaigns });
  }

  const beat = (): Promise<void> => {
    busy ??= once()
      .catch((error: unknown) => logger.warn({ err: error }, 'campaign progress not read'))
      .finally(() => (busy = null));
    return busy;
  };
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), beat };
}
