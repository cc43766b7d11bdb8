import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { Alert } from '../../ui/Alert.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { actionsFor, useCampaignAction, type TCampaignAction, type TCampaignStatus } from './campaign-admin.api.js';

/** Actions that end or close a campaign ask once more before they are sent. */
const NEEDS_CONFIRMATION: readonly TCampaignAction[] = ['complete', 'cancel'];

/**
 * The status changes a campaign in this status can take. Every answer reads the campaign again
 * from the server, so after a refusal (someone else moved it on meanwhile) the buttons are the
 * ones its real status allows.
 */
export function LifecycleActions({ id, name, status, compact = false }: { id: number; name: string; status: TCampaignStatus; compact?: boolean }) {
  const { t } = useTranslation();
  const act = useCampaignAction(id);
  const [confirming, setConfirming] = useState<TCampaignAction | null>(null);
  const [done, setDone] = useState<TCampaignAction | null>(null);
  const [sent, setSent] = useState<TCampaignAction | null>(null);
  const actions = actionsFor(status);
  const buttonClass = compact ? 'btn btn--small' : 'btn';

  function run(action: TCampaignAction) {
    setConfirming(null);
    setDone(null);
    setSent(action);
    act.mutate(action, { onSuccess: () => setDone(action) });
  }

  const refused = act.error instanceof ApiError && act.error.status === 409 ? act.error : null;
  return (
    <div className="campaign-actions" data-testid={`campaign-actions-${id}`}>
      {actions.length === 0 ? <p className="muted campaign-actions__none">{t('campaignAdmin.actions.none')}</p> : null}
      {confirming ? (
        <div className="campaign-actions__confirm" role="group" aria-label={t(`campaignAdmin.actions.confirm.${confirming}`, { name })}>
          <p className="campaign-actions__question">{t(`campaignAdmin.actions.confirm.${confirming}`, { name })}</p>
          <button type="button" className={`${buttonClass} btn--danger`} onClick={() => run(confirming)} disabled={act.isPending}>
            {t(`campaignAdmin.actions.confirmYes.${confirming}`)}
          </button>
          <button type="button" className={buttonClass} onClick={() => setConfirming(null)}>
            {t('campaignAdmin.actions.keep')}
          </button>
        </div>
      ) : (
        <div className="campaign-actions__buttons">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={[buttonClass, action === 'cancel' ? 'campaign-btn--cancel' : action === actions[0] ? 'btn--primary' : ''].filter(Boolean).join(' ')}
              disabled={act.isPending}
              aria-label={compact ? t('campaignAdmin.actions.labelFor', { action: t(`campaignAdmin.actions.${action}`), name }) : undefined}
              onClick={() => (NEEDS_CONFIRMATION.includes(action) ? setConfirming(action) : run(action))}
            >
              {t(`campaignAdmin.actions.${action}`)}
            </button>
          ))}
        </div>
      )}
      {act.isPending ? (
        <p className="muted" role="status">
          {t('campaignAdmin.actions.sending')}
        </p>
      ) : null}
      {done && !act.isPending && !act.error ? (
        <p className="campaign-actions__done" role="status">
          {t(`campaignAdmin.actions.done.${done}`)}
        </p>
      ) : null}
      {refused ? (
        <div data-testid="campaign-action-refused">
          <Alert tone="error" title={t('campaignAdmin.actions.refusedTitle')} requestId={refused.requestId}>
            <p>
              {t('campaignAdmin.actions.refusedText', {
                action: t(`campaignAdmin.actions.verb.${sent ?? 'start'}`),
                label: t(`campaignAdmin.actions.${sent ?? 'start'}`),
                status: t(`campaignAdmin.statusInSentence.${status}`),
              })}
            </p>
            <p className="muted">{refused.message}</p>
          </Alert>
        </div>
      ) : act.error ? (
        <div data-testid="campaign-action-error">
          <ErrorAlert error={act.error} title={t('campaignAdmin.actions.failed')} />
        </div>
      ) : null}
    </div>
  );
}
