import { useTranslation } from 'react-i18next';
import { CHOSEN_REASONS, type TAgentView, type TChooseState } from '../../api/acd.schemas.js';
import { Badge } from '../../ui/Badge.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { STATE_TONE, stateLabel } from './agent-state.js';
import { chooseState, useDeskAction } from './desk.api.js';
import { StateTimer } from './StateTimer.js';

function isChosen(agent: TAgentView, choice: TChooseState): boolean {
  if (choice.state !== agent.state) return false;
  return choice.state !== 'not_ready' || choice.reason === agent.reason;
}

/**
 * The agent's state and how long they have been in it, and the buttons to change it. The server
 * decides what is allowed (it refuses to leave wrap-up without a disposition, and says so here);
 * on a call there is nothing to choose, and a ringing call can be declined but not "readied".
 */
export function StatePanel({ agent }: { agent: TAgentView }) {
  const { t } = useTranslation();
  const change = useDeskAction(chooseState);
  const label = stateLabel(t, agent);
  const onCall = agent.state === 'on_call';
  const reasons = CHOSEN_REASONS.map((reason) => ({ state: 'not_ready', reason }) as const);

  function choiceButton(choice: TChooseState, text: string) {
    const key = choice.state === 'not_ready' ? choice.reason : choice.state;
    return (
      <button
        key={key}
        type="button"
        className={choice.state === 'offline' ? 'btn btn--small desk-state__offline' : 'btn btn--small'}
        aria-pressed={isChosen(agent, choice)}
        disabled={change.isPending || onCall || (agent.state === 'reserved' && choice.state === 'ready')}
        onClick={() => change.mutate(choice)}
        data-testid={`state-${key}`}
      >
        {/* shown once before the reasons, said with each one */}
        {choice.state === 'not_ready' ? <span className="visually-hidden">{t('desk.notReadyLabel')} </span> : null}
        {text}
      </button>
    );
  }

  return (
    <section className="panel desk-state" aria-labelledby="desk-state-title" data-testid="desk-state" data-state={agent.state}>
      <div className="desk-state__now">
        <h2 className="desk-state__title" id="desk-state-title">
          {t('desk.yourState')}
        </h2>
        <Badge tone={STATE_TONE[agent.state]}>
          <span data-testid="agent-state">{label}</span>
        </Badge>
        <StateTimer since={agent.since} label={label} testId="state-timer" />
        {!agent.present ? <span className="muted small">{t('desk.notPresent')}</span> : null}
      </div>
      <div className="desk-state__choices" role="group" aria-labelledby="desk-state-change">
        <span className="desk-state__label" id="desk-state-change">
          {t('desk.changeState')}
        </span>
        {choiceButton({ state: 'ready' }, t('enums.agentState.ready'))}
        <span className="desk-state__label" aria-hidden="true">
          {t('desk.notReadyLabel')}
        </span>
        {reasons.map((choice) => choiceButton(choice, t(`enums.notReadyReason.${choice.reason}`)))}
        {choiceButton({ state: 'offline' }, t('enums.agentState.offline'))}
      </div>
      {change.error ? <ErrorAlert error={change.error} title={t('desk.stateRefused')} /> : null}
    </section>
  );
}
