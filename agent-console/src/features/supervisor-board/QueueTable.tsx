import { useTranslation } from 'react-i18next';
import type { TQueueStats } from '../../api/acd.schemas.js';
import { Badge } from '../../ui/Badge.js';
import { formatDuration } from '../../ui/format.js';

/** Longest wait past the queue's service-level target: the row asks for attention. */
function overTarget(queue: TQueueStats, now: number): boolean {
  return queue.oldestWaitingSince !== null && now - Date.parse(queue.oldestWaitingSince) > queue.serviceLevelSec * 1000;
}

/** Every queue: who waits and for how long, today's answered and abandoned calls, service level, staffing. */
export function QueueTable({ queues, now }: { queues: readonly TQueueStats[]; now: number }) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language === 'hi' ? 'hi-IN' : 'en-IN', { maximumFractionDigits: 0 });
  return (
    <div className="table-scroll">
      <table className="table table--compact board-table" data-testid="queue-table">
        <caption className="visually-hidden">{t('board.queuesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.queue')}</th>
            <th scope="col" className="num">
              {t('board.waiting')}
            </th>
            <th scope="col" className="num">
              {t('board.longestWait')}
            </th>
            <th scope="col" className="num">
              {t('board.answered')}
            </th>
            <th scope="col" className="num">
              {t('board.abandoned')}
            </th>
            <th scope="col" className="num">
              {t('board.serviceLevel')}
            </th>
            <th scope="col" className="num">
              {t('board.ready')}
            </th>
            <th scope="col" className="num">
              {t('board.ringing')}
            </th>
            <th scope="col" className="num">
              {t('board.onCall')}
            </th>
            <th scope="col" className="num">
              {t('board.wrapUp')}
            </th>
            <th scope="col" className="num">
              {t('board.notReady')}
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => {
            const late = overTarget(q, now);
            return (
              <tr key={q.code} data-testid="queue-row" data-queue={q.code} data-waiting={q.waiting} className={late ? 'row--late' : q.waiting > 0 ? 'row--waiting' : undefined}>
                <th scope="row" className="cell-name">
                  <span>{q.name}</span>
                  <span className="cell-name__hi mono">{q.code}</span>
                </th>
                <td className="num" data-testid="queue-waiting">
                  {q.waiting}
                </td>
                <td className="num" data-testid="queue-longest-wait">
                  {q.oldestWaitingSince ? formatDuration(now - Date.parse(q.oldestWaitingSince)) : '—'}
                  {late ? (
                    <>
                      {' '}
                      <Badge tone="danger">{t('board.overTarget')}</Badge>
                    </>
                  ) : null}
                </td>
                <td className="num" data-testid="queue-answered">
                  {q.answeredToday}
                </td>
                <td className="num" data-testid="queue-abandoned">
                  {q.abandonedToday}
                </td>
                <td className="num" title={t('board.serviceLevelHint', { seconds: q.serviceLevelSec })}>
                  {q.serviceLevelPct === null ? '—' : `${percent.format(q.serviceLevelPct)}%`}
                  <span className="muted small"> / {t('board.withinSeconds', { seconds: q.serviceLevelSec })}</span>
                </td>
                <td className="num" data-testid="queue-ready">
                  {q.agents.ready}
                </td>
                <td className="num">{q.agents.reserved}</td>
                <td className="num">{q.agents.onCall}</td>
                <td className="num">{q.agents.wrapUp}</td>
                <td className="num">{q.agents.notReady}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
