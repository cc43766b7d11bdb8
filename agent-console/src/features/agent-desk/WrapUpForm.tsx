import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHOSEN_REASONS, DISPOSITIONS, type TAgentView, type TChooseState, type TDisposition, type TWrapUp } from '../../api/acd.schemas.js';
import { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { formatTime } from '../../ui/format.js';
import { CAMPAIGN_OUTCOMES, useCampaignCall, type TCampaignOutcome } from '../campaign-call/campaign-call.api.js';
import { callContext, useCallContext } from './call-context.js';
import { finishWrapUp, useDeskAction } from './desk.api.js';
import { StateTimer } from './StateTimer.js';
import './call-controls.css';

type TThen = 'ready' | 'offline' | (typeof CHOSEN_REASONS)[number];

const IST_OFFSET_MS = 330 * 60_000;
const CALLBACK_MAX_DAYS = 30;

/** `YYYY-MM-DDTHH:mm` on India's clock, as a datetime-local input reads and writes it */
function indiaLocal(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 16);
}

/** the input's India time as the server reads it: ISO 8601 with the +05:30 offset */
function fromIndiaLocal(value: string): string {
  return `${value}:00+05:30`;
}

function thenState(then: TThen): TChooseState {
  if (then === 'ready' || then === 'offline') return { state: then };
  return { state: 'not_ready', reason: then };
}

interface TWrapUpFormProps {
  agent: TAgentView;
  /** the server's wrap-up (deadline, whether a disposition is required), once a snapshot told it */
  wrapUp: TWrapUp | null;
}

/**
 * After the call: what came of it (a disposition, required), notes, and what the agent does next.
 * Nothing is checked here first: the server refuses to leave wrap-up without a disposition and
 * its words are shown by the choices.
 */
export function WrapUpForm({ agent, wrapUp }: TWrapUpFormProps) {
  const { t, i18n } = useTranslation();
  const callId = wrapUp?.callId ?? agent.callId;
  const context = useCallContext(callId);
  // chosen each time, never preset: the outcome is the agent's statement about this call
  const [disposition, setDisposition] = useState<TDisposition | null>(null);
  const [notes, setNotes] = useState('');
  const campaign = useCampaignCall(callId).data ?? null;
  const [outcome, setOutcome] = useState<TCampaignOutcome | null>(null);
  const [then, setThen] = useState<TThen>('ready');
  const [callbackWanted, setCallbackWanted] = useState(false);
  const [callbackAt, setCallbackAt] = useState(() => indiaLocal(Date.now() + 3_600_000));
  const [callbackNote, setCallbackNote] = useState('');
  const finish = useDeskAction(finishWrapUp);
  const apiError = finish.error instanceof ApiError ? finish.error : null;
  const dispositionError = apiError?.fieldMessage('disposition');
  const required = wrapUp?.dispositionRequired ?? true;
  const outcomeError = apiError?.fieldMessage('campaignOutcome');
  const callbackAtError = apiError?.fieldMessage('callback.at') ?? apiError?.fieldMessage('callback');

  function submit(event: FormEvent) {
    event.preventDefault();
    finish.mutate(
      {
        disposition: disposition ?? undefined,
        notes: notes.trim() || undefined,
        then: thenState(then),
        campaignOutcome: campaign ? (outcome ?? undefined) : undefined,
        callback: callbackWanted ? { at: callbackAt ? fromIndiaLocal(callbackAt) : '', note: callbackNote.trim() || undefined } : undefined,
      },
      {
        onSuccess: (desk) => {
          if (callId && desk.agent.state !== 'wrap_up') callContext.forget(callId);
        },
      },
    );
  }

  return (
    <section className="panel wrap-up" aria-labelledby="wrap-up-title" data-testid="wrap-up">
      <header className="panel__header">
        <h2 className="panel__title" id="wrap-up-title">
          {t('desk.wrapUp.title')}
        </h2>
        <div className="panel__aside">
          <StateTimer since={wrapUp?.since ?? agent.since} label={t('desk.wrapUp.title')} />
          {wrapUp && !wrapUp.dispositionRequired ? <span>{t('desk.wrapUp.endsAt', { time: formatTime(wrapUp.deadline, i18n.language) })}</span> : null}
        </div>
      </header>
      <form className="panel__body wrap-up__form" onSubmit={submit} noValidate>
        {finish.error ? <ErrorAlert error={finish.error} title={t('desk.wrapUp.refused')} /> : null}
        {context && context.dockets.length > 0 ? (
          <p className="wrap-up__dockets" data-testid="wrap-up-dockets">
            {t('desk.wrapUp.dockets', { count: context.dockets.length })}: <span className="mono strong">{context.dockets.join(', ')}</span>
          </p>
        ) : null}
        <fieldset
          className={['choices', dispositionError ? 'field--invalid' : ''].filter(Boolean).join(' ')}
          role="radiogroup"
          aria-labelledby="disposition-legend"
          aria-required={required}
          aria-invalid={dispositionError ? true : undefined}
          aria-describedby={dispositionError ? 'disposition-error' : undefined}
          data-testid="dispositions"
        >
          <legend className="field__label" id="disposition-legend">
            {t('desk.wrapUp.disposition')} {required ? <span className="muted">({t('desk.wrapUp.required')})</span> : null}
          </legend>
          <div className="choices__list">
            {DISPOSITIONS.map((code) => (
              <label key={code} className="choice">
                <input type="radio" name="disposition" value={code} checked={disposition === code} onChange={() => setDisposition(code)} />
                {t(`enums.disposition.${code}`)}
              </label>
            ))}
          </div>
          {dispositionError ? (
            <p id="disposition-error" className="field__error" role="alert" data-testid="disposition-error">
              {dispositionError}
            </p>
          ) : null}
        </fieldset>
        {campaign ? (
          <fieldset
            className={['choices', outcomeError ? 'field--invalid' : ''].filter(Boolean).join(' ')}
            role="radiogroup"
            aria-labelledby="outcome-legend"
            aria-required
            aria-invalid={outcomeError ? true : undefined}
            aria-describedby={outcomeError ? 'outcome-error' : undefined}
            data-testid="campaign-outcomes"
          >
            <legend className="field__label" id="outcome-legend">
              {t('campaignCall.outcome')} <span className="muted">({t('desk.wrapUp.required')})</span>
            </legend>
            <div className="choices__list">
              {CAMPAIGN_OUTCOMES.map((code) => (
                <label key={code} className="choice">
                  <input type="radio" name="campaign-outcome" value={code} checked={outcome === code} onChange={() => setOutcome(code)} />
                  {t(`campaignCall.outcomes.${code}`)}
                </label>
              ))}
            </div>
            {outcomeError ? (
              <p id="outcome-error" className="field__error" role="alert" data-testid="outcome-error">
                {outcomeError}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <Field label={t('desk.wrapUp.notes')} hint={t('desk.wrapUp.notesHint')}>
          {({ id, describedBy }) => (
            <textarea id={id} rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} aria-describedby={describedBy} data-testid="wrap-up-notes" />
          )}
        </Field>
        <Field label={t('desk.wrapUp.then')}>
          {({ id }) => (
            <select id={id} value={then} onChange={(e) => setThen(toThen(e.target.value))} data-testid="wrap-up-then">
              <option value="ready">{t('enums.agentState.ready')}</option>
              {CHOSEN_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {t('desk.stateWithReason', { state: t('enums.agentState.not_ready'), reason: t(`enums.notReadyReason.${reason}`) })}
                </option>
              ))}
              <option value="offline">{t('enums.agentState.offline')}</option>
            </select>
          )}
        </Field>
        <div className="wrap-up__callback" data-testid="wrap-up-callback">
          <label className="choice">
            <input type="checkbox" checked={callbackWanted} onChange={(e) => setCallbackWanted(e.target.checked)} data-testid="callback-wanted" />
            {t('desk.wrapUp.callback')}
          </label>
          {callbackWanted ? (
            <>
              <Field label={t('desk.wrapUp.callbackAt')} hint={t('desk.wrapUp.callbackAtHint')} error={callbackAtError}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    type="datetime-local"
                    value={callbackAt}
                    min={indiaLocal(Date.now())}
                    max={indiaLocal(Date.now() + CALLBACK_MAX_DAYS * 86_400_000)}
                    onChange={(e) => setCallbackAt(e.target.value)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    data-testid="callback-at"
                  />
                )}
              </Field>
              <Field label={t('desk.wrapUp.callbackNote')}>
                {({ id }) => (
                  <input id={id} type="text" maxLength={500} value={callbackNote} onChange={(e) => setCallbackNote(e.target.value)} data-testid="callback-note" />
                )}
              </Field>
            </>
          ) : null}
        </div>
        <button type="submit" className="btn btn--primary" disabled={finish.isPending} data-testid="finish-wrap-up">
          {t('desk.wrapUp.finish')}
        </button>
      </form>
    </section>
  );
}

function toThen(value: string): TThen {
  if (value === 'ready' || value === 'offline') return value;
  return CHOSEN_REASONS.find((reason) => reason === value) ?? 'ready';
}
