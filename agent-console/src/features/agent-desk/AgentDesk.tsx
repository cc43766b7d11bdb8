import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { acdLive, useAcdLive } from '../../realtime/acd-live.js';
import { Alert } from '../../ui/Alert.js';
import { Loading } from '../../ui/Loading.js';
import { useCampaignCall } from '../campaign-call/campaign-call.api.js';
import { CampaignPreview } from '../campaign-call/CampaignPreview.js';
import { CampaignScript } from '../campaign-call/CampaignScript.js';
import { dialledCall } from '../campaign-call/preview.api.js';
import { LookupWorkspace } from '../lookup/LookupWorkspace.js';
import { activeCallOf } from './active-call.js';
import { callContext, useCallContext } from './call-context.js';
import { CallerScreenPop } from './CallerScreenPop.js';
import { CallPanel } from './CallPanel.js';
import { IncomingCall } from './IncomingCall.js';
import { acceptCall, useDeskAction } from './desk.api.js';
import { StatePanel } from './StatePanel.js';
import { WrapUpForm } from './WrapUpForm.js';

/**
 * The agent's home: their state, the call ringing for them, the call they are on or wrapping up,
 * and who is calling. The screen-pop mounts the moment a call rings, so the household card, its
 * facilities and the grievance categories load while it rings, not after the agent accepts.
 * Between calls the ordinary lookup is there for calls that come some other way.
 */
export function AgentDesk() {
  const { t } = useTranslation();
  const { status, desk } = useAcdLive();
  const active = desk ? activeCallOf(desk) : null;
  const context = useCallContext(active?.callId ?? null);
  // a campaign placed this call: its script and questions go above the household
  const campaign = useCampaignCall(active?.callId ?? null).data ?? null;

  // the citizen the agent dialled from a preview answered: the offer is theirs already
  const accept = useDeskAction(acceptCall);
  const { mutate: acceptNow } = accept;
  const offeredCallId = desk?.offer?.callId ?? null;
  useEffect(() => {
    if (!offeredCallId || offeredCallId !== dialledCall.get()) return;
    dialledCall.set(null);
    acceptNow(undefined);
  }, [offeredCallId, acceptNow]);

  // what the offer says about the caller outlives the offer (wrap-up repeats none of it)
  const { callId, caller, queue, queueName, householdId } = active ?? {};
  useEffect(() => {
    if (!callId) return;
    callContext.remember(callId, { caller: caller ?? null, queue: queue ?? '', queueName: queueName ?? null, householdId: householdId ?? null });
  }, [callId, caller, queue, queueName, householdId]);

  // The lookup keeps its place at the end, so it stays mounted (and keeps what was typed) while
  // the desk loads, or when the ACD does not answer.
  let top;
  if (desk) {
    top = (
      // a campaign call is read from its script below: the bar scrolls away rather than cover it
      <div className={campaign ? 'desk-bar desk-bar--scrolls' : 'desk-bar'}>
        <StatePanel agent={desk.agent} />
        {desk.offer ? <IncomingCall offer={desk.offer} /> : null}
        {desk.call ? <CallPanel call={desk.call} /> : null}
      </div>
    );
  } else if (status === 'unavailable') {
    top = (
      <Alert tone="info" title={t('desk.unavailable')}>
        <p>{t('desk.unavailableHint')}</p>
        <button type="button" className="btn btn--small" onClick={() => void acdLive.refresh()}>
          {t('socket.retry')}
        </button>
      </Alert>
    );
  } else {
    top = <Loading label={t('desk.loading')} />;
  }

  return (
    <>
      {top}
      {desk?.agent.state === 'wrap_up' ? <WrapUpForm key={`wrap-up-${active?.key ?? ''}`} agent={desk.agent} wrapUp={desk.wrapUp} /> : null}
      {campaign && active?.callId === campaign.callId ? <CampaignScript call={campaign} /> : null}
      {active?.callId ? (
        <CallerScreenPop
          key={active.key}
          callId={active.callId}
          caller={active.caller ?? context?.caller ?? null}
          householdId={active.householdId ?? context?.householdId ?? null}
          reason={campaign ? 'outbound_call' : active.kind === 'callback' ? 'callback' : 'inbound_call'}
        />
      ) : active ? (
        <Alert tone="info" title={t('desk.pop.callbackRinging')} />
      ) : (
        <>
          {desk ? <CampaignPreview agentState={desk.agent.state} /> : null}
          <LookupWorkspace defaultReason="caller_identification" />
        </>
      )}
    </>
  );
}
