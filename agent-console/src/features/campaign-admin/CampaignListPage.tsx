import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Badge } from '../../ui/Badge.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { formatDate } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import { CAMPAIGN_STATUSES, useCampaigns, useSchemes, type TCampaignStatus, type TCampaignSummary } from './campaign-admin.api.js';
import { contactTotal, STATUS_TONE } from './campaign-labels.js';
import { LifecycleActions } from './LifecycleActions.js';
import './campaign-admin.css';

const isStatus = (value: string | null): value is TCampaignStatus => value !== null && (CAMPAIGN_STATUSES as readonly string[]).includes(value);

function CampaignRow({ campaign, schemeName }: { campaign: TCampaignSummary; schemeName: string | null }) {
  const { t, i18n } = useTranslation();
  const total = contactTotal(campaign.contacts);
  return (
    <tr data-testid={`campaign-row-${campaign.id}`}>
      <th scope="row">
        <Link to={`/supervisor/campaigns/${campaign.id}`}>{campaign.name}</Link>
      </th>
      <td>{campaign.schemeCode === null ? <span className="muted">{t('campaignAdmin.anyScheme')}</span> : (schemeName ?? campaign.schemeCode)}</td>
      <td>{t(`campaignAdmin.modes.${campaign.mode}`)}</td>
      <td data-testid="campaign-status">
        <Badge tone={STATUS_TONE[campaign.status]}>{t(`campaignAdmin.status.${campaign.status}`)}</Badge>
      </td>
      <td className="nowrap">
        {formatDate(campaign.startsOn, i18n.language)} – {formatDate(campaign.endsOn, i18n.language)}
      </td>
      <td className="num" data-testid="campaign-contacts">
        {total === 0 ? <span className="muted">{t('campaignAdmin.notSampled')}</span> : total}
      </td>
      <td>
        <LifecycleActions id={campaign.id} name={campaign.name} status={campaign.status} compact />
      </td>
    </tr>
  );
}

/** Every campaign, newest first, with the status changes each can take from here. */
export function CampaignListPage() {
  const { t } = useTranslation();
  const { pick } = useLabels();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('status');
  const status = isStatus(wanted) ? wanted : undefined;
  const campaigns = useCampaigns(status);
  const schemes = useSchemes().data?.schemes;
  const schemeName = (code: string | null) => {
    const scheme = schemes?.find((s) => s.code === code);
    return scheme ? pick(scheme.nameEn, scheme.nameHi) : null;
  };
  const list = campaigns.data?.campaigns ?? [];

  return (
    <main className="page campaign-admin" id="main">
      <p className="breadcrumb">
        <Link to="/supervisor">{t('campaignAdmin.backToSupervisor')}</Link>
      </p>
      <div className="campaign-admin__head">
        <h1 className="page__title" tabIndex={-1}>
          {t('campaignAdmin.listTitle')}
        </h1>
        <Link className="btn btn--primary" to="/supervisor/campaigns/new">
          {t('campaignAdmin.newCampaign')}
        </Link>
      </div>
      <Section
        id="campaign-list"
        title={t('campaignAdmin.listSection')}
        aside={campaigns.data ? t('campaignAdmin.count', { count: list.length }) : undefined}
      >
        <div className="inline-form campaign-admin__filter">
          <Field label={t('campaignAdmin.filterStatus')} className="inline-form__narrow">
            {({ id }) => (
              <select
                id={id}
                value={status ?? ''}
                onChange={(e) => {
                  const next = e.target.value;
                  setParams(next === '' ? {} : { status: next }, { replace: true });
                }}
              >
                <option value="">{t('campaignAdmin.allStatuses')}</option>
                {CAMPAIGN_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`campaignAdmin.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {campaigns.isPending ? <Loading /> : null}
        {campaigns.error ? <ErrorAlert error={campaigns.error} title={t('campaignAdmin.listFailed')} /> : null}
        {campaigns.data && list.length === 0 ? (
          <p className="muted" data-testid="campaigns-empty">
            {t('campaignAdmin.empty')}
          </p>
        ) : null}
        {list.length > 0 ? (
          <div className="table-scroll">
            <table className="table table--compact campaign-table" data-testid="campaign-list">
              <caption className="visually-hidden">{t('campaignAdmin.listCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('campaignAdmin.fields.name')}</th>
                  <th scope="col">{t('campaignAdmin.fields.scheme')}</th>
                  <th scope="col">{t('campaignAdmin.fields.mode')}</th>
                  <th scope="col">{t('campaignAdmin.fields.status')}</th>
                  <th scope="col">{t('campaignAdmin.fields.dates')}</th>
                  <th scope="col" className="num">
                    {t('campaignAdmin.fields.contacts')}
                  </th>
                  <th scope="col">{t('campaignAdmin.fields.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <CampaignRow key={c.id} campaign={c} schemeName={schemeName(c.schemeCode)} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
    </main>
  );
}
