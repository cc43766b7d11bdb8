import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Badge } from '../../ui/Badge.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { formatDate, formatDateTime } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import { RETRY_KEYS, useCampaign, useQueues, useSchemes, useSurveys, type TCampaign } from './campaign-admin.api.js';
import { contactTotal, STATUS_TONE } from './campaign-labels.js';
import { LifecycleActions } from './LifecycleActions.js';
import { PlanTable } from './PlanTable.js';
import { DEFAULT_RETRY_POLICY } from '../../../../campaigns/src/schedule/retry-policy.js';
import './campaign-admin.css';


function Fact({ label, children, testId, wide = false }: { label: string; children: ReactNode; testId?: string; wide?: boolean }) {
  return (
    <div className={wide ? 'facts__wide' : undefined}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function Settings({ campaign }: { campaign: TCampaign }) {
  const { t, i18n } = useTranslation();
  const { pick } = useLabels();
  const scheme = useSchemes().data?.schemes.find((s) => s.code === campaign.schemeCode);
  const queue = useQueues().data?.queues.find((q) => q.id === campaign.queueId);
  const survey = useSurveys().data?.surveys.find((s) => s.id === campaign.surveyId);
  const { sampling } = campaign;
  const size = sampling.allocation.method === 'fixed' ? sampling.allocation.perStratum : sampling.allocation.total;
  return (
    <Section id="campaign-settings" title={t('campaignAdmin.detail.settings')}>
      <dl className="facts campaign-facts">
        <Fact label={t('campaignAdmin.fields.scheme')} testId="setting-scheme">
          {campaign.schemeCode === null ? t('campaignAdmin.anyScheme') : scheme ? `${pick(scheme.nameEn, scheme.nameHi)} (${scheme.code})` : campaign.schemeCode}
        </Fact>
        <Fact label={t('campaignAdmin.fields.mode')} testId="setting-mode">
          {t(`campaignAdmin.modes.${campaign.mode}`)}
        </Fact>
        <Fact label={t('campaignAdmin.fields.queue')} testId="setting-queue">
          {campaign.queueId === null ? t('campaignAdmin.noQueue') : queue ? `${pick(queue.name, queue.nameHi)} (${queue.code})` : `#${campaign.queueId}`}
        </Fact>
        <Fact label={t('campaignAdmin.fields.survey')}>
          {campaign.surveyId === null ? t('campaignAdmin.noSurvey') : survey ? `${pick(survey.title, survey.titleHi)} (v${survey.version})` : `#${campaign.surveyId}`}
        </Fact>
        <Fact label={t('campaignAdmin.fields.callerId')} testId="setting-caller-id">
          <span className="mono">{campaign.callerId}</span>
        </Fact>
        <Fact label={t('campaignAdmin.fields.dates')} testId="setting-dates">
          {formatDate(campaign.startsOn, i18n.language)} – {formatDate(campaign.endsOn, i18n.language)}
        </Fact>
        <Fact label={t('campaignAdmin.fields.window')} testId="setting-window">
          {t('campaignAdmin.detail.window', { start: campaign.windowStart, end: campaign.windowEnd })}
        </Fact>
        <Fact label={t('campaignAdmin.fields.holidays')}>
          {campaign.holidays.length === 0 ? t('campaignAdmin.noHolidays') : campaign.holidays.map((d) => formatDate(d, i18n.language)).join(', ')}
        </Fact>
        <Fact label={t('campaignAdmin.fields.maxAttempts')} testId="setting-max-attempts">
          {campaign.maxAttempts}
        </Fact>
        <Fact label={t('campaignAdmin.fields.abandonCapPercent')} testId="setting-abandon-cap">
          {`${campaign.abandonCapPercent.toLocaleString(i18n.language)}%`}
        </Fact>
        <Fact label={t('campaignAdmin.detail.retryDelays')} wide>
          <ul className="retry-list">
            {RETRY_KEYS.map((key) => (
              <li key={key}>
                {t(`campaignAdmin.retry.${key}`)}: {campaign.retryPolicy[key] ?? DEFAULT_RETRY_POLICY[key]}
                {campaign.retryPolicy[key] === undefined ? <span className="muted"> {t('campaignAdmin.detail.default')}</span> : null}
              </li>
            ))}
          </ul>
        </Fact>
        <Fact label={t('campaignAdmin.fields.strata')} testId="setting-strata">
          {sampling.strata.length === 0 ? t('campaignAdmin.detail.noStrata') : sampling.strata.map((d) => t(`campaignAdmin.strata.${d}`)).join(', ')}
        </Fact>
        <Fact label={t('campaignAdmin.fields.allocation')} testId="setting-allocation">
          {t(`campaignAdmin.detail.allocation.${sampling.allocation.method}`, { count: size })}
        </Fact>
        <Fact label={t('campaignAdmin.fields.recentContactDays')}>{sampling.recentContactDays}</Fact>
        <Fact label={t('campaignAdmin.fields.seed')}>{campaign.seed}</Fact>
        <Fact label={t('campaignAdmin.detail.created')}>{formatDateTime(campaign.createdAt, i18n.language)}</Fact>
      </dl>
      {campaign.description ? <p className="campaign-description">{campaign.description}</p> : null}
    </Section>
  );
}

function StatusPanel({ campaign }: { campaign: TCampaign }) {
  const { t, i18n } = useTranslation();
  const contacts = Object.entries(campaign.contacts).sort((a, b) => b[1] - a[1]);
  return (
    <Section id="campaign-status" title={t('campaignAdmin.detail.statusTitle')}>
      <p className="campaign-status-line">
        {t('campaignAdmin.fields.status')}:{' '}
        <span data-testid="campaign-detail-status">
          <Badge tone={STATUS_TONE[campaign.status]}>{t(`campaignAdmin.status.${campaign.status}`)}</Badge>
        </span>
      </p>
      <LifecycleActions id={campaign.id} name={campaign.name} status={campaign.status} />
      <h3 className="subheading">{t('campaignAdmin.detail.contacts')}</h3>
      {contacts.length === 0 ? (
        <p className="muted" data-testid="campaign-contacts-none">
          {t('campaignAdmin.detail.noContacts')}
        </p>
      ) : (
        <ul className="inline-list" data-testid="campaign-contact-counts">
          {contacts.map(([status, count]) => (
            <li key={status}>
              {t(`campaignAdmin.contactStatus.${status}`, { defaultValue: status })}: <strong>{count}</strong>
            </li>
          ))}
          <li>
            {t('campaignAdmin.plan.total')}: <strong>{contactTotal(campaign.contacts)}</strong>
          </li>
        </ul>
      )}
      <h3 className="subheading">{t('campaignAdmin.detail.history')}</h3>
      <ol className="campaign-history" data-testid="campaign-history">
        {campaign.history.map((event, i) => (
          <li key={`${event.at}-${i}`}>
            <span className="campaign-history__time">{formatDateTime(event.at, i18n.language)}</span>{' '}
            {t(`campaignAdmin.events.${event.type}`, { defaultValue: event.type })}
          </li>
        ))}
      </ol>
    </Section>
  );
}

/** One campaign: its settings, its sample plan and the status changes it can take. */
export function CampaignDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const campaign = useCampaign(valid ? id : 0);

  return (
    <main className="page campaign-admin" id="main">
      <p className="breadcrumb">
        <Link to="/supervisor/campaigns">{t('campaignAdmin.backToList')}</Link>
      </p>
      <h1 className="page__title" tabIndex={-1}>
        {campaign.data ? campaign.data.name : t('campaignAdmin.detail.title')}
      </h1>
      {!valid ? (
        <p role="alert">{t('campaignAdmin.detail.badId')}</p>
      ) : campaign.isPending ? (
        <Loading />
      ) : campaign.error ? (
        <ErrorAlert error={campaign.error} title={t('campaignAdmin.detail.failed')} />
      ) : (
        <div className="campaign-detail">
          <StatusPanel campaign={campaign.data} />
          <Settings campaign={campaign.data} />
          <PlanTable campaignId={campaign.data.id} drawn={campaign.data.status === 'draft' ? null : contactTotal(campaign.data.contacts)} />
        </div>
      )}
    </main>
  );
}
