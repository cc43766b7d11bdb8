import { useTranslation } from 'react-i18next';
import type { TConnectedCall } from '../../api/acd.schemas.js';
import { Badge } from '../../ui/Badge.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { formatPhone } from '../../ui/format.js';
import { useCallContext } from './call-context.js';
import { hangUp, holdCall, muteCall, resumeCall, unmuteCall, useDeskAction } from './desk.api.js';
import { Keypad } from './Keypad.js';
import { StateTimer } from './StateTimer.js';
import { TransferForm } from './TransferForm.js';

/**
 * The call the agent is on: who, which queue, how long; hold or resume, mute the agent's
 * microphone, send keys, transfer to a queue, hang up.
 */
export function CallPanel({ call }: { call: TConnectedCall }) {
  const { t } = useTranslation();
  const context = useCallContext(call.callId);
  const hold = useDeskAction(holdCall);
  const resume = useDeskAction(resumeCall);
  const hangup = useDeskAction(hangUp);
  const mute = useDeskAction(muteCall);
  const unmute = useDeskAction(unmuteCall);
  const busy = hold.isPending || resume.isPending || hangup.isPending || mute.isPending || unmute.isPending;
  const caller = call.caller ? formatPhone(call.caller) : t('desk.ring.withheld');
  const dialling = call.connectedAt === null;
  const error = hold.error ?? resume.error ?? hangup.error ?? mute.error ?? unmute.error;

  return (
    <section className="panel call-panel" aria-labelledby="call-title" data-testid="call-panel" data-call-id={call.callId ?? ''} data-held={call.held}>
      <header className="call-panel__header">
        <h2 className="call-panel__title" id="call-title">
          {dialling ? t('desk.call.dialling') : t('desk.call.title')}: <span className="mono">{caller}</span>
        </h2>
        <span className="muted">{t('desk.ring.queue', { queue: context?.queueName ?? call.queue })}</span>
        {call.connectedAt ? <StateTimer since={call.connectedAt} label={t('desk.call.talkTime')} testId="talk-timer" /> : null}
        {call.held ? (
          <Badge tone="warning">
            <span data-testid="held-badge">{t('desk.call.held')}</span>
          </Badge>
        ) : null}
        {call.muted ? (
          <Badge tone="warning">
            <span data-testid="muted-badge" title={t('desk.call.mutedHint')}>
              {t('desk.call.muted')}
            </span>
          </Badge>
        ) : null}
      </header>
      <div className="call-panel__actions">
        {call.held ? (
          <button type="button" className="btn" onClick={() => resume.mutate(undefined)} disabled={busy || dialling} data-testid="resume-call">
            {t('desk.call.resume')}
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => hold.mutate(undefined)} disabled={busy || dialling} data-testid="hold-call">
            {t('desk.call.hold')}
          </button>
        )}
        <button
          type="button"
          className="btn mute-toggle"
          aria-pressed={call.muted}
          onClick={() => (call.muted ? unmute.mutate(undefined) : mute.mutate(undefined))}
          disabled={busy || dialling}
          data-testid="mute-call"
        >
          {call.muted ? t('desk.call.unmute') : t('desk.call.mute')}
        </button>
        <button type="button" className="btn btn--danger" onClick={() => hangup.mutate(undefined)} disabled={busy} data-testid="hang-up">
          {t('desk.call.hangUp')}
        </button>
        {/* folded until needed: open, the pad would push the household card below the fold */}
        <details className="call-keypad">
          <summary className="btn" id="keypad-title" data-testid="keypad-open">
            {t('desk.call.keypad')}
          </summary>
          <Keypad disabled={dialling || call.held} />
        </details>
        {call.kind === 'call' ? <TransferForm currentQueue={call.queue} disabled={busy || dialling} /> : null}
      </div>
      {error ? <ErrorAlert error={error} /> : null}
    </section>
  );
}
