/**
 * What the campaign engine needs from the rest of Samvad. The server implements these ports;
 * the engine (sampling, pacing, dial workers) never imports the server, so its decisions can
 * be unit-tested with fakes and its workers run in separate processes.
 */
export interface TDialPort {
  /** starts an outbound call; resolves with the call id once the provider accepted it */
  originate(request: { contactId: number; to: string; callerId: string; timeoutSec: number }): Promise<{ callId: string }>;
}

/** Outcomes of one dial attempt, the inputs of the retry rules. */
export type TAttemptOutcome = 'answered' | 'busy' | 'no_answer' | 'failed' | 'congestion' | 'machine' | 'abandoned';

/** Final or interim result of a contact, as the campaign reports it. */
export type TContactOutcome = 'completed' | 'partial' | 'refused' | 'wrong_person' | 'unreachable' | 'dnd' | 'abandoned';

export interface TAgentAvailabilityPort {
  /** agents ready for this campaign's queue now, and those expected to be free soon */
  availability(campaignId: number): Promise<{ ready: number; wrappingUp: number; onCall: number }>;
}
