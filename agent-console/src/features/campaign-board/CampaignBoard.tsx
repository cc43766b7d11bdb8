import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../ui/format.js';
import { Section } from '../../ui/Section.js';
import { useCampaignProgress, type TCampaignProgress } from './campaign-progress.js';
import { downloadExport } from './download.js';

function pct(value: number, language: string): string {
  return `${value.toLocaleString(language, { maximumFractionDigits: 1 })}%`;
}

function CampaignRow({ campaign }: { campaign: TCampaignProgress }) {
  const { t, i18n } = useTranslation();
  const [failed, setFailed] = useState(false);
  const overCap = campaign.abandonPctToday >= campaign.abandonCapPct && campaign.abandonPctToday > 0;
  const download = (path: string, name: string) => {
    setFailed(false);
    downloadExport(path, name).catch(() => setFailed(true));
  };
  const base = `/api/campaigns/${campaign.campaignId}`;
  return (
    <tr data-testid={`campaign-${campaign.campaignId}`}>
      <th scope="row">{campaign.name}</th>
      <td>
        <progress max={Math.max(campaign.planned, 1)} value={campaign.concluded} aria-label={t('campaignBoard.progressOf', { name: campaign.name })} />
        <div className="muted" data-testid="campaign-progress-text">
          {t('campaignBoard.progressText', { concluded: campaign.concluded, planned: campaign.planned, completed: campaign.completed, dialled: campaign.dialled })}
        </div>
      </td>
      <td className="num">{campaign.inFlight}</td>
      <td className="num" data-testid="campaign-dial-level">
        {campaign.dialLevel === null ? '–' : campaign.dialLevel.toLocaleString(i18n.language, { maximumFractionDigits: 2 })}
      </td>
      <td className="num" data-testid="campaign-abandon">
        {overCap ? <strong>{t('campaignBoard.overCap', { pct: pct(campaign.abandonPctToday, i18n.language) })}</strong> : pct(campaign.abandonPctToday, i18n.language)}
        <div className="muted">{t('campaignBoard.abandonCampaign', { pct: pct(campaign.abandonPctCampaign, i18n.language), cap: pct(campaign.abandonCapPct, i18n.language) })}</div>
      </td>
      <td>
        <button type="button" className="btn btn--small" onClick={() => download(`${base}/results.csv`, `campaign-${campaign.campaignId}-results.csv`)}>
          {t('campaignBoard.csv')}
        </button>{' '}
        <button type="button" className="btn btn--small" onClick={() => download(`${base}/results/floip`, `samvad-campaign-${campaign.campaignId}.json`)}>
          {t('campaignBoard.floip')}
        </button>
        {failed ? (
          <div role="alert" className="muted">
            {t('campaignBoard.downloadFailed')}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** Running campaigns, live from the server's `campaign:progress` pushes, with their exports. */
export function CampaignBoard() {
  const { t, i18n } = useTranslation();
  const progress = useCampaignProgress();
  const campaigns = progress?.campaigns ?? [];
  return (
    <Section
      id="board-campaigns"
      title={t('campaignBoard.title')}
      aside={progress ? t('campaignBoard.updated', { time: formatTime(progress.at, i18n.language) }) : undefined}
    >
      {campaigns.length === 0 ? (
        <p className="muted" data-testid="campaigns-none">
          {progress ? t('campaignBoard.none') : t('campaignBoard.waiting')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact board-table" data-testid="campaign-board">
            <caption className="visually-hidden">{t('campaignBoard.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaignBoard.campaign')}</th>
                <th scope="col">{t('campaignBoard.progress')}</th>
                <th scope="col" className="num">
                  {t('campaignBoard.inFlight')}
                </th>
                <th scope="col" className="num">
                  {t('campaignBoard.dialLevel')}
                </th>
                <th scope="col" className="num">
                  {t('campaignBoard.abandonToday')}
                </th>
                <th scope="col">{t('campaignBoard.exports')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <CampaignRow key={c.campaignId} campaign={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
