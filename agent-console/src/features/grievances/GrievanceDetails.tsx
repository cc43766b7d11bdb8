import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';
import { formatDateTime, formatDay, formatPhone } from '../../ui/format.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TGrievance } from './grievance.schemas.js';

/** One grievance with its routing and its history, as an officer or an agent sees it. */
export function GrievanceDetails({ grievance }: { grievance: TGrievance }) {
  const { t } = useTranslation();
  const { label, pick, language } = useLabels();
  const g = grievance;
  const overdue = !g.resolvedAt && new Date(g.dueAt).getTime() < Date.now();
  return (
    <article className="panel grievance" aria-labelledby="grievance-title" data-testid="grievance-details">
      <header className="panel__header">
        <h2 className="panel__title" id="grievance-title">
          <span className="mono">{g.docketNo}</span>
        </h2>
        <div className="panel__aside">
          <Badge tone={g.status === 'resolved' || g.status === 'closed' ? 'success' : 'info'}>{label('grievanceStatus', g.status)}</Badge>
          {overdue ? <Badge tone="danger">{t('grievance.overdue')}</Badge> : null}
        </div>
      </header>
      <div className="panel__body">
        <p className="grievance__category">{pick(g.category.nameEn, g.category.nameHi)}</p>
        <blockquote className="grievance__description">{g.description}</blockquote>
        <dl className="facts">
          <div>
            <dt>{t('grievance.complainant')}</dt>
            <dd data-testid="grievance-complainant">
              {g.complainant === null || g.anonymous ? (
                <strong>{t('grievance.anonymousComplainant')}</strong>
              ) : (
                <>
                  {g.complainant.name ?? t('common.none')}
                  {g.complainant.phone ? <span className="mono"> · {formatPhone(g.complainant.phone)}</span> : null}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('grievance.department')}</dt>
            <dd>{pick(g.department.nameEn, g.department.nameHi)}</dd>
          </div>
          <div>
            <dt>{t('grievance.office')}</dt>
            <dd>
              {pick(g.office.name, g.office.nameHi)} <span className="muted">({label('officeLevel', g.office.level)})</span>
            </dd>
          </div>
          <div>
            <dt>{t('grievance.district')}</dt>
            <dd>{pick(g.district.name, g.district.nameHi)}</dd>
          </div>
          <div>
            <dt>{t('grievance.channel')}</dt>
            <dd>{label('channel', g.channel)}</dd>
          </div>
          <div>
            <dt>{t('grievance.registeredAt')}</dt>
            <dd>{formatDateTime(g.createdAt, language)}</dd>
          </div>
          <div>
            <dt>{t('grievance.due')}</dt>
            <dd>
              {formatDay(g.dueAt, language)} <span className="muted">({t('grievanceForm.days', { count: g.category.deadlineDays })})</span>
            </dd>
          </div>
          {g.resolvedAt ? (
            <div>
              <dt>{t('grievance.resolvedAt')}</dt>
              <dd>{formatDateTime(g.resolvedAt, language)}</dd>
            </div>
          ) : null}
        </dl>
        <h3 className="subheading">{t('grievance.history')}</h3>
        <ol className="timeline" data-testid="grievance-history">
          {g.events.map((e, i) => (
            <li key={`${e.type}-${e.at}-${i}`} className="timeline__item">
              <span className="timeline__status">{label('grievanceEvent', e.type)}</span>
              <time className="timeline__time" dateTime={e.at}>
                {formatDateTime(e.at, language)}
              </time>
              {e.fromStatus && e.toStatus ? (
                <span className="timeline__note">
                  {label('grievanceStatus', e.fromStatus)} → {label('grievanceStatus', e.toStatus)}
                </span>
              ) : null}
              {e.note ? <span className="timeline__note">{e.note}</span> : null}
            </li>
          ))}
        </ol>
      </div>
    </article>
  );
}
