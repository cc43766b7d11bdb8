import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { HouseholdView } from '../lookup/HouseholdView.js';
import { CampaignScript } from './CampaignScript.js';
import { useDial, useOpenNext, usePreviewDesk, useSkip } from './preview.api.js';

/** attempt outcomes that mean nobody came on the line */
const NOT_REACHED = new Set(['busy', 'no_answer', 'failed', 'congestion', 'machine', 'abandoned']);

/**
 * Preview campaigns on the agent's desk between calls: open the next contact, read their
 * household and the script, then dial (the person who answers comes straight to this agent) or
 * skip. Nothing shows for an agent with no preview campaign.
 */
export function CampaignPreview({ agentState }: { agentState: string }) {
  const { t } = useTranslation();
  const desk = usePreviewDesk(true);
  const openNext = useOpenNext();
  const dial = useDial();
  const skip = useSkip();
  const data = desk.data;
  if (!data || (data.campaigns.length === 0 && !data.current)) return null;
  const current = data.current;
  const dialling = data.lastDial && data.lastDial.outcome === null && !current ? data.lastDial : null;
  const notReached = data.lastDial && data.lastDial.outcome && NOT_REACHED.has(data.lastDial.outcome) && !current ? data.lastDial : null;
  const error = openNext.error ?? dial.error ?? skip.error;
  const busy = openNext.isPending || dial.isPending || skip.isPending;

  return (
    <section className="panel campaign-preview" aria-labelledby="campaign-preview-title" data-testid="campaign-preview">
      <header className="panel__header">
        <h2 className="panel__title" id="campaign-preview-title">
          {t('campaignCall.preview.title')}
        </h2>
      </header>
      <div className="panel__body">
        {error ? <ErrorAlert error={error} /> : null}
        {dialling ? (
          <Alert tone="info" title={t('campaignCall.preview.dialling')}>
            <p data-testid="preview-dialling">{t('campaignCall.preview.diallingHint')}</p>
          </Alert>
        ) : null}
        {notReached ? (
          <p className="muted" data-testid="preview-not-reached">
            {t('campaignCall.preview.notReached', { outcome: t(`campaignCall.preview.outcomes.${notReached.outcome ?? 'failed'}`, { defaultValue: notReached.outcome ?? '' }) })}
          </p>
        ) : null}
        {current ? (
          <>
            <div className="campaign-preview__actions">
              <button
                type="button"
                className="btn btn--primary"
                disabled={busy || agentState !== 'ready'}
                onClick={() => dial.mutate(current.contact.id)}
                data-testid="preview-dial"
              >
                {t('campaignCall.preview.dial')}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => skip.mutate(current.contact.id)} data-testid="preview-skip">
                {t('campaignCall.preview.skip')}
              </button>
              {agentState !== 'ready' ? <span className="muted">{t('campaignCall.preview.goReady')}</span> : null}
            </div>
            <CampaignScript call={current} />
            <HouseholdView householdId={current.contact.householdId} residentId={current.contact.residentId} purpose={{ reason: 'campaign_preview' }} />
          </>
        ) : (
          <ul className="campaign-preview__campaigns">
            {data.campaigns.map((c) => (
              <li key={c.id} data-testid="preview-campaign" data-campaign-id={c.id}>
                <span className="strong">{c.name}</span>{' '}
                <span className="muted">{c.open ? t('campaignCall.preview.due', { count: c.due }) : t('campaignCall.preview.closed')}</span>{' '}
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={busy || !c.open || c.due === 0 || dialling !== null}
                  onClick={() => openNext.mutate(c.id)}
                  data-testid="preview-next"
                >
                  {t('campaignCall.preview.next')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
