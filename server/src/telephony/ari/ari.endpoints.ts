import { Invalid } from '../../errors.js';
import { toE164 } from '../../shared/phone.js';
import type { TAriConfig } from './ari.config.js';

const AGENT = /^agent:([A-Za-z0-9_.-]{1,64})$/;

export interface TDialTarget {
  endpoint: string;
  /** an agent's softphone rather than a citizen's phone */
  isAgent: boolean;
}

/** The ARI endpoint for a port-level destination: `agent:agent1` or an E.164 number. */
export function dialTarget(to: string, config: Pick<TAriConfig, 'trunkEndpoint' | 'agentEndpoint'>): TDialTarget {
  const agent = AGENT.exec(to);
  if (agent?.[1]) return { endpoint: config.agentEndpoint.replaceAll('{agent}', agent[1]), isAgent: true };
  const e164 = to.startsWith('+') ? toE164(to) : null;
  if (!e164) throw Invalid('to must be an E.164 number or agent:<name>', [{ field: 'to', message: 'not a phone number or agent' }]);
  const endpoint = config.trunkEndpoint
    .replaceAll('{number}', e164)
    .replaceAll('{digits}', e164.slice(1))
    .replaceAll('{national}', `0${e164.slice(3)}`);
  return { endpoint, isAgent: false };
}

/**
 * A number as the carrier or a softphone presented it, made E.164 where it is a phone number
 * ("09876543210", "919876543210" …); anything else ("anonymous", an extension) is kept as given.
 */
export function presentedNumber(raw: string): string {
  const trimmed = raw.trim();
  if (!/^\+?[0-9]{6,15}$/.test(trimmed)) return trimmed;
  return toE164(trimmed) ?? trimmed;
}

/** `PJSIP/agent1-0000002a` → `agent:agent1`: how an agent's own call is named in the port. */
export function agentFromChannelName(name: string): string {
  const match = /^[A-Za-z]+\/(.+)-[0-9a-f]+$/.exec(name);
  return `agent:${match?.[1] ?? name}`;
}
