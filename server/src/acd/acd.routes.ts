import { z } from 'zod';
import { defineRoute, type TRoute } from '../http/route.js';
import type { AcdService } from './acd.service.js';
import { ZAgentDesk, ZBoard, ZChooseState, ZFinishWrapUp, ZSendDtmf, ZSkills, ZTransfer } from './acd.schemas.js';

export type TAcdApi = Pick<
  AcdService,
  | 'desk'
  | 'setState'
  | 'accept'
  | 'hangup'
  | 'hold'
  | 'unhold'
  | 'mute'
  | 'unmute'
  | 'sendDtmf'
  | 'transfer'
  | 'finishWrapUp'
  | 'boardNow'
  | 'setSkills'
  | 'waiting'
  | 'setWrapUpHook'
  | 'awaitOwnCall'
>;

const AGENT = ['agent'] as const;
const SUPERVISION = ['supervisor', 'admin'] as const;
const ZUserParams = z.object({ userId: z.coerce.number().int().positive() });
const desk = { description: "The agent's state, the call ringing for them, the call they are on and their wrap-up", schema: ZAgentDesk };

const ZWaitingCall = z
  .object({
    id: z.string(),
    kind: z.enum(['call', 'callback']),
    callId: z.string().nullable(),
    caller: z.string().nullable(),
    priority: z.number().int(),
    waitingSince: z.string(),
  })
  .meta({ id: 'AcdWaitingCall' });

/** The ACD over HTTP: agents act on their own desk; supervisors and administrators see and steer everyone. */
export function acdRoutes(acd: TAcdApi): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/acd/me',
      summary: 'My desk: state, the call ringing for me, my call, my wrap-up',
      tag: 'acd',
      access: AGENT,
      response: desk,
      handler: ({ user }) => acd.desk(user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/state',
      summary: 'Become ready, not ready (with a reason) or offline',
      tag: 'acd',
      access: AGENT,
      body: ZChooseState,
      response: desk,
      handler: ({ user, body }) => acd.setState(user.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/accept',
      summary: 'Accept the call ringing for me',
      tag: 'acd',
      access: AGENT,
      response: desk,
      handler: ({ user }) => acd.accept(user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/hangup',
      summary: 'End my call; wrap-up begins',
      tag: 'acd',
      access: AGENT,
      response: desk,
      handler: ({ user }) => acd.hangup(user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/hold',
      summary: 'Put the caller on hold (music)',
      tag: 'acd',
      access: AGENT,
      response: desk,
      handler: ({ user }) => acd.hold(user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/unhold',
      summary: 'Take the caller off hold',
      tag: 'acd',
      access: AGENT,
      response: desk,
      handler: ({ user }) => acd.unhold(user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/mute',
      summary: 'Mute my microphone towards the caller (they hear silence, not music)',
      tag: 'acd',
      access: AGENT,
      response: desk,
      handler: ({ user }) => acd.mute(user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/unmute',
      summary: 'Unmute my microphone',
      tag: 'acd',
      access: AGENT,
      response: desk,
      handler: ({ user }) => acd.unmute(user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/dtmf',
      summary: "Send keys as tones on my call, towards the caller's side (a department IVR, an extension)",
      tag: 'acd',
      access: AGENT,
      body: ZSendDtmf,
      response: desk,
      handler: ({ user, body }) => acd.sendDtmf(user.id, body.digits),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/transfer',
      summary: 'Send the caller to another queue, keeping the time they have waited; wrap-up begins',
      tag: 'acd',
      access: AGENT,
      body: ZTransfer,
      response: desk,
      handler: ({ user, body }) => acd.transfer(user.id, body.queue),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/me/wrap-up',
      summary: 'Finish wrap-up with a disposition and notes (written on the call); then ready or not ready',
      tag: 'acd',
      access: AGENT,
      body: ZFinishWrapUp,
      response: desk,
      handler: ({ user, body }) => acd.finishWrapUp(user.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/acd/board',
      summary: 'Every queue (waiting, longest wait, answered, abandoned, service level, staffing) and every agent',
      tag: 'acd',
      access: SUPERVISION,
      response: { description: 'The board as it is now; `acd:board` pushes changes after this', schema: ZBoard },
      handler: () => acd.boardNow(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/acd/queues/{code}/waiting',
      summary: 'The callers waiting in a queue, in the order they will be served',
      tag: 'acd',
      access: SUPERVISION,
      params: z.object({ code: z.string().min(1).max(60) }),
      response: { description: 'Waiting callers, next first', schema: z.array(ZWaitingCall) },
      handler: async ({ params }) =>
        acd.waiting(params.code).map((c) => ({
          id: c.id,
          kind: c.kind,
          callId: c.callId,
          caller: c.caller,
          priority: c.priority,
          waitingSince: new Date(c.waitingSince).toISOString(),
        })),
    }),
    defineRoute({
      method: 'get',
      path: '/api/acd/agents/{userId}',
      summary: "An agent's desk",
      tag: 'acd',
      access: SUPERVISION,
      params: ZUserParams,
      response: desk,
      handler: ({ params }) => acd.desk(params.userId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/agents/{userId}/state',
      summary: "Change an agent's state (not ready, offline, ready)",
      tag: 'acd',
      access: SUPERVISION,
      params: ZUserParams,
      body: ZChooseState,
      response: desk,
      handler: ({ params, body }) => acd.setState(params.userId, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/acd/agents/{userId}/skills',
      summary: "Set an agent's department skills (languages stay on the user)",
      tag: 'acd',
      access: ['admin'],
      params: ZUserParams,
      body: ZSkills,
      response: desk,
      handler: ({ params, body }) => acd.setSkills(params.userId, body.skills),
    }),
  ];
}
