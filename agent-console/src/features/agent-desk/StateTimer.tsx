import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../realtime/server-clock.js';
import { formatDuration } from '../../ui/format.js';

/**
 * Time since a server instant, recomputed from the server's clock at every tick: a tab that
 * was in the background shows the right figure as soon as it is looked at.
 */
export function StateTimer({ since, label, testId }: { since: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const now = useServerNow();
  const elapsed = formatDuration(now - Date.parse(since));
  return (
    <span className="timer" role="timer" aria-label={t('desk.timerLabel', { what: label, time: elapsed })} data-testid={testId}>
      {elapsed}
    </span>
  );
}
