import type { TFunction } from 'i18next';
import type { TAgentState, TAgentView } from '../../api/acd.schemas.js';
import type { TBadgeTone } from '../../ui/Badge.js';

/** The colour that goes with a state's words (never instead of them). */
export const STATE_TONE: Record<TAgentState, TBadgeTone> = {
  offline: 'neutral',
  ready: 'success',
  not_ready: 'warning',
  reserved: 'info',
  on_call: 'info',
  wrap_up: 'warning',
};

/** "Ready", "Not ready: lunch", "Not ready: missed a call" in the interface language. */
export function stateLabel(t: TFunction, agent: Pick<TAgentView, 'state' | 'reason'>): string {
  const state = t(`enums.agentState.${agent.state}`);
  if (agent.state !== 'not_ready' || !agent.reason) return state;
  return t('desk.stateWithReason', { state, reason: t(`enums.notReadyReason.${agent.reason}`, { defaultValue: agent.reason }) });
}
