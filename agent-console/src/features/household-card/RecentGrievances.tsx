import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';
import { formatDay } from '../../ui/format.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TGrievanceSummary } from './household.schemas.js';

export function RecentGrievances({ grievances }: { grievances: TGrievanceSummary[] }) {
  const { t } = useTranslation();
  const { label, pick, language } = useLabels();
  return (
    <Section level={3} id="recent-grievances" title={t('recentGrievances.title')} aside={t('recentGrievances.count', { count: grievances.length })}>
      {grievances.length === 0 ? (
        <p className="muted">{t('recentGrievances.none')}</p>
      ) : (
        <ul className="stack">
          {grievances.map((g) => (
            <li key={g.docketNo} className="grievance-summary" data-testid="recent-grievance">
              <div className="grievance-summary__head">
                <span className="mono strong">{g.docketNo}</span>
                <Badge tone={g.status === 'resolved' || g.status === 'closed' ? 'success' : 'info'}>{label('grievanceStatus', g.status)}</Badge>
                {g.anonymous ? <Badge>{t('grievance.anonymousBadge')}</Badge> : null}
              </div>
              <p>{pick(g.categoryEn, g.categoryHi)}</p>
              <p className="muted small">
                {g.officeName} · {t('recentGrievances.registered', { date: formatDay(g.createdAt, language) })} ·{' '}
                {g.resolvedAt
                  ? t('recentGrievances.resolved', { date: formatDay(g.resolvedAt, language) })
                  : t('recentGrievances.due', { date: formatDay(g.dueAt, language) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
