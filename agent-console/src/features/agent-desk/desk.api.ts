import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { ZAgentDesk, type TAgentDesk, type TChooseState, type TFinishWrapUp } from '../../api/acd.schemas.js';
import { acdLive } from '../../realtime/acd-live.js';

/** The agent's own desk over HTTP; every action answers with the desk as the server left it. */
function post(path: string, body?: object) {
  return api(`/api/acd/me${path}`, { method: 'POST', body, schema: ZAgentDesk });
}

export const chooseState = (choice: TChooseState) => post('/state', choice);
export const acceptCall = () => post('/accept');
export const hangUp = () => post('/hangup');
export const holdCall = () => post('/hold');
export const resumeCall = () => post('/unhold');
export const muteCall = () => post('/mute');
export const unmuteCall = () => post('/unmute');
export const sendKeys = (digits: string) => post('/dtmf', { digits });
export const transferCall = (queue: string) => post('/transfer', { queue });
export const finishWrapUp = (body: TFinishWrapUp) => post('/wrap-up', body);

/** A desk action whose answer goes straight into the live desk (the socket's pushes follow). */
export function useDeskAction<TArgs>(action: (args: TArgs) => Promise<TAgentDesk>) {
  return useMutation({ mutationFn: action, onSuccess: (desk) => acdLive.deskAnswered(desk) });
}

/** On sign-out an agent stops taking calls at once, rather than when their console is missed. */
export async function goOfflineQuietly(): Promise<void> {
  const desk = acdLive.getState().desk;
  if (!desk || desk.agent.state === 'offline') return;
  await chooseState({ state: 'offline' }).catch(() => undefined);
}
