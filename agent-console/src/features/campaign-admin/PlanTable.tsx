import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { formatDateTime } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import { Section } from '../../ui/Section.js';
import { EXCLUSION_REASONS, usePlan, type TSamplePlan } from './campaign-admin.api.js';
import { useStratumLabel } from './stratum-label.js';

function Exclusions({ excluded }: { excluded: TSamplePlan['excluded'] }) {
  const { t } = useTranslation();
  const reasons = EXCLUSION_REASONS.filter((r) => (excluded[r] ?? 0) > 0);
  if (reasons.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="plan-exclusions">
      {reasons.map((reason) => (
        <li key={reason}>
          {t(`campaignAdmin.exclusions.${reason}`)}: {excluded[reason]}
        </li>
      ))}
    </ul>
  );
}

/** Planned against achievable per stratum, as the sample would be drawn now; strata that fall short stand out. */
export function PlanTable({ campaignId, drawn }: { campaignId: number; drawn: number | null }) {
  const { t, i18n } = useTranslation();
  const plan = usePlan(campaignId);
  const stratumLabel = useStratumLabel();
  const number = (n: number) => n.toLocaleString(i18n.language === 'hi' ? 'hi-IN' : 'en-IN');

  if (plan.isPending) {
    return (
      <Section id="campaign-plan" title={t('campaignAdmin.plan.title')}>
        <Loading />
      </Section>
    );
  }
  if (plan.error) {
    return (
      <Section id="campaign-plan" title={t('campaignAdmin.plan.title')}>
        <ErrorAlert error={plan.error} title={t('campaignAdmin.plan.failed')} />
      </Section>
    );
  }
  const p = plan.data;
  const short = p.strata.filter((s) => s.shortfall > 0);
  const [only] = p.stratifyBy.length === 1 ? p.stratifyBy : [];
  return (
    <Section
      id="campaign-plan"
      title={t('campaignAdmin.plan.title')}
      aside={t('campaignAdmin.plan.asOf', { time: formatDateTime(p.asOf, i18n.language) })}
    >
      <p className="muted">{drawn === null ? t('campaignAdmin.plan.captionDraft') : t('campaignAdmin.plan.captionDrawn', { count: drawn })}</p>
      <dl className="facts plan-totals" data-testid="plan-totals">
        <div>
          <dt>{t('campaignAdmin.plan.population')}</dt>
          <dd>{number(p.population)}</dd>
        </div>
        <div>
          <dt>{t('campaignAdmin.plan.eligible')}</dt>
          <dd>{number(p.eligible)}</dd>
        </div>
        <div>
          <dt>{t('campaignAdmin.plan.planned')}</dt>
          <dd data-testid="plan-planned">{number(p.planned)}</dd>
        </div>
        <div>
          <dt>{t('campaignAdmin.plan.achievable')}</dt>
          <dd data-testid="plan-achievable">{number(p.achievable)}</dd>
        </div>
        <div className="facts__wide">
          <dt>{t('campaignAdmin.plan.excluded')}</dt>
          <dd>
            <Exclusions excluded={p.excluded} />
          </dd>
        </div>
      </dl>
      {short.length > 0 ? (
        <p className="plan-warning" data-testid="plan-shortfall-summary">
          <Badge tone="warning">{t('campaignAdmin.plan.shortBadge')}</Badge>{' '}
          {t('campaignAdmin.plan.shortSummary', { count: short.length, missing: number(p.planned - p.achievable) })}
        </p>
      ) : (
        <p className="muted" data-testid="plan-shortfall-summary">
          {t('campaignAdmin.plan.noShortfall')}
        </p>
      )}
      {!p.exact ? <p className="muted">{t('campaignAdmin.plan.notExact')}</p> : null}
      <div className="table-scroll">
        <table className="table table--compact plan-table" data-testid="plan-table">
          <caption className="visually-hidden">{t('campaignAdmin.plan.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{only ? t(`campaignAdmin.strata.${only}`) : t('campaignAdmin.plan.stratum')}</th>
              <th scope="col" className="num">
                {t('campaignAdmin.plan.population')}
              </th>
              <th scope="col" className="num">
                {t('campaignAdmin.plan.eligible')}
              </th>
              <th scope="col" className="num">
                {t('campaignAdmin.plan.planned')}
              </th>
              <th scope="col" className="num">
                {t('campaignAdmin.plan.achievable')}
              </th>
              <th scope="col" className="num">
                {t('campaignAdmin.plan.shortfall')}
              </th>
              <th scope="col">{t('campaignAdmin.plan.excluded')}</th>
            </tr>
          </thead>
          <tbody>
            {p.strata.map((s) => (
              <tr key={s.stratum} className={s.shortfall > 0 ? 'plan-row--short' : undefined} data-testid="plan-row" data-stratum={s.stratum}>
                <th scope="row">{stratumLabel(s.stratum, only !== undefined)}</th>
                <td className="num">{number(s.population)}</td>
                <td className="num">{number(s.eligible)}</td>
                <td className="num" data-testid="plan-row-planned">
                  {number(s.planned)}
                </td>
                <td className="num" data-testid="plan-row-achievable">
                  {number(s.achievable)}
                </td>
                <td className="num" data-testid="plan-row-shortfall">
                  {s.shortfall > 0 ? <strong className="plan-short">{t('campaignAdmin.plan.shortBy', { count: s.shortfall })}</strong> : '0'}
                </td>
                <td>
                  <Exclusions excluded={s.excluded} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('campaignAdmin.plan.total')}</th>
              <td className="num">{number(p.population)}</td>
              <td className="num">{number(p.eligible)}</td>
              <td className="num">{number(p.planned)}</td>
              <td className="num">{number(p.achievable)}</td>
              <td className="num">{number(p.planned - p.achievable)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </Section>
  );
}
