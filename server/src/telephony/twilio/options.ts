import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { Logger } from '../../logger.js';
import type { TVoices } from './twiml.js';

export interface TTwilioProviderOptions {
  accountSid: string;
  /** signs webhooks and authenticates REST calls (secret) */
  authToken: string;
  /** how Twilio reaches this server, e.g. https://samvad.example.gov.in (with any path prefix a proxy strips) */
  publicBaseUrl: string;
  /** the SDK's HTTP client; tests pass a local stub so that nothing leaves the machine */
  httpClient?: RequestClient;
  voices?: Partial<TVoices>;
  /** music for `hold`; Twilio's default wait music when absent */
  holdMusicUrl?: string;
  /** how an `agent:<username>` endpoint is dialled; a Twilio Voice SDK client by default */
  agentAddress?: (username: string) => string;
  /**
   * How long a webhook is held open waiting for Samvad's next instruction before Twilio is told
   * to stay silent and ask again. Well under Twilio's 15 s webhook timeout.
   */
  holdMs?: number;
  /** after `answer`, how long the held webhook waits for a first prompt to carry */
  answerGraceMs?: number;
  /** how long an inbound call may ring unanswered before it is refused (busy) */
  answerTimeoutMs?: number;
  /** a caller hung up mid-message: how long the hang-up waits for <Record>'s action before the message is reported lost */
  recordActionGraceMs?: number;
  /** the silence an idle call keeps before asking again; commands in between go by REST */
  idlePauseSec?: number;
  /** at most this many webhook answers are remembered for retries (each for ten minutes) */
  replayCapacity?: number;
  logger?: Logger;
  now?: () => Date;
}

export const TWILIO_DEFAULTS = {
  holdMs: 4000,
  answerGraceMs: 500,
  answerTimeoutMs: 10_000,
  idlePauseSec: 30,
  recordActionGraceMs: 5000,
  replayCapacity: 100_000,
  agentAddress: (username: string) => `client:${username}`,
} as const;
