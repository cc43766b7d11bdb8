import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';
import { formatDate, formatDateTime } from '../../ui/format.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TApplicationSummary, TMember } from './household.schemas.js';

export function ApplicationsPanel({ applications, members }: { applications: TApplicationSummary[]; members: TMember[] }) {
  const { t } = useTranslation();
  const { label, pick, language } = useLabels();
  const nameOf = (residentId: number) => {
    const m = members.find((member) => member.id === residentId);
    return m ? pick(m.nameEn, m.nameHi) : `#${residentId}`;
  };
  return (
    <Section level={3} id="applications" title={t('applications.title')} aside={t('applications.count', { count: applications.length })}>
      {applications.length === 0 ? (
        <p className="muted">{t('applications.none')}</p>
      ) : (
        <ul className="stack">
          {applications.map((a) => (
            <li key={a.applicationNo} className="application">
              <div className="application__head">
                <span className="application__service">{pick(a.serviceNameEn, a.serviceNameHi)}</span>
                <Badge tone="info">{label('applicationStatus', a.status)}</Badge>
              </div>
              <dl className="facts">
                <div>
                  <dt>{t('applications.number')}</dt>
                  <dd className="mono">{a.applicationNo}</dd>
                </div>
                <div>
                  <dt>{t('applications.applicant')}</dt>
                  <dd>{nameOf(a.residentId)}</dd>
                </div>
                <div>
                  <dt>{t('applications.expectedBy')}</dt>
                  <dd>{formatDate(a.expectedBy, language)}</dd>
                </div>
                {a.nextStep ? (
                  <div className="facts__wide">
                    <dt>{t('applications.nextStep')}</dt>
                    <dd>{a.nextStep}</dd>
                  </div>
                ) : null}
              </dl>
              <ol className="timeline" aria-label={t('applications.timeline')}>
                {a.timeline.map((entry, i) => (
                  <li key={`${entry.status}-${entry.at}-${i}`} className="timeline__item">
                    <span className="timeline__status">{label('applicationStatus', entry.status)}</span>
                    <time className="timeline__time" dateTime={entry.at}>
                      {formatDateTime(entry.at, language)}
                    </time>
                    {entry.note ? <span className="timeline__note">{entry.note}</span> : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
