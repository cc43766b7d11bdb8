export type TWho = 'anonymous' | 'agent' | 'supervisor' | 'officer' | 'admin';

export interface TMatrixRule {
  allowed: TWho[];
  path: string;
  body?: object;
}

/**
 * Who may call each ACD route, written out by hand like `server/test/access-matrix.test.ts`,
 * whose MATRIX these lines join once the app under that test is built with an ACD. Sample
 * inputs are for an agent with nothing ringing: allowed callers may get 404/409, never 401/403.
 */
export function acdMatrix(agentId: number, queueCode: string, skill: string): Record<string, TMatrixRule> {
  const AGENT: TWho[] = ['agent'];
  const SUPERVISION: TWho[] = ['supervisor', 'admin'];
  return {
    'GET /api/acd/me': { allowed: AGENT, path: '/api/acd/me' },
    'POST /api/acd/me/state': { allowed: AGENT, path: '/api/acd/me/state', body: { state: 'not_ready', reason: 'break' } },
    'POST /api/acd/me/accept': { allowed: AGENT, path: '/api/acd/me/accept' },
    'POST /api/acd/me/hangup': { allowed: AGENT, path: '/api/acd/me/hangup' },
    'POST /api/acd/me/hold': { allowed: AGENT, path: '/api/acd/me/hold' },
    'POST /api/acd/me/unhold': { allowed: AGENT, path: '/api/acd/me/unhold' },
    'POST /api/acd/me/mute': { allowed: AGENT, path: '/api/acd/me/mute' },
    'POST /api/acd/me/unmute': { allowed: AGENT, path: '/api/acd/me/unmute' },
    'POST /api/acd/me/dtmf': { allowed: AGENT, path: '/api/acd/me/dtmf', body: { digits: '1' } },
    'POST /api/acd/me/transfer': { allowed: AGENT, path: '/api/acd/me/transfer', body: { queue: queueCode } },
    'POST /api/acd/me/wrap-up': { allowed: AGENT, path: '/api/acd/me/wrap-up', body: { disposition: 'resolved' } },
    'GET /api/acd/board': { allowed: SUPERVISION, path: '/api/acd/board' },
    'GET /api/acd/queues/{code}/waiting': { allowed: SUPERVISION, path: `/api/acd/queues/${queueCode}/waiting` },
    'GET /api/acd/agents/{userId}': { allowed: SUPERVISION, path: `/api/acd/agents/${agentId}` },
    'POST /api/acd/agents/{userId}/state': { allowed: SUPERVISION, path: `/api/acd/agents/${agentId}/state`, body: { state: 'not_ready', reason: 'meeting' } },
    'POST /api/acd/agents/{userId}/skills': { allowed: ['admin'], path: `/api/acd/agents/${agentId}/skills`, body: { skills: [skill] } },
  };
}
