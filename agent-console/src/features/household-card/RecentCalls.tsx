import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TCallSummary } from './household.schemas.js';

function minutesBetween(from: string, to: string | null): number | null {
  if (!to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isFinite(ms) && ms >= 0 ? Math.max(1, Math.round(ms / 60_000)) : null;
}

export function RecentCalls({ calls }: { calls: TCallSummary[] }) {
  const { t } = useTranslation();
  const { label, language } = useLabels();
  return (
    <Section level={3} id="recent-calls" title={t('recentCalls.title')} aside={t('recentCalls.count', { count: calls.length })}>
      {calls.length === 0 ? (
        <p className="muted">{t('recentCalls.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('recentCalls.when')}</th>
                <th scope="col">{t('recentCalls.direction')}</th>
                <th scope="col">{t('recentCalls.duration')}</th>
                <th scope="col">{t('recentCalls.disposition')}</th>
                <th scope="col">{t('recentCalls.agent')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => {
                const minutes = minutesBetween(c.offeredAt, c.endedAt);
                return (
                  <tr key={c.id}>
                    <td>{formatDateTime(c.offeredAt, language)}</td>
                    <td>{label('callDirection', c.direction)}</td>
                    <td>{minutes === null ? '—' : t('recentCalls.minutes', { count: minutes })}</td>
                    <td>{c.disposition ? label('disposition', c.disposition) : '—'}</td>
                    <td>{c.agentUsername ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
