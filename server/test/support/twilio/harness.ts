import type { TTelephonyEvent } from '../../../src/telephony/port.js';
import type { TRemoteHarness } from '../../telephony/contract.js';
import type { TOutboundScript } from './fake-twilio.js';
import { startTwilioRig, type TRigOptions, type TTwilioRig } from './rig.js';

/** Samvad's `agent:<username>` is dialled as a Twilio client identity (the provider's default). */
export function twilioAddressOf(to: string): string {
  return to.startsWith('agent:') ? `client:${to.slice('agent:'.length)}` : to;
}

const SCRIPTS: Record<'answer' | 'busy' | 'no_answer' | 'machine', TOutboundScript> = {
  answer: { kind: 'answer' },
  busy: { kind: 'busy' },
  no_answer: { kind: 'no_answer' },
  machine: { kind: 'machine', answeredBy: 'machine_end_beep' },
};

function waitForEvent(rig: TTwilioRig, match: (event: TTelephonyEvent) => boolean, timeoutMs: number): Promise<TTelephonyEvent> {
  const seen = rig.events.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = rig.provider.onEvent((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

/**
 * The contract's far side on Twilio: the citizen's and the agent's phones are the fake Twilio's
 * calls, driven through signed webhooks; what a leg heard is read from the TwiML it ran.
 */
export function twilioHarness(options: TRigOptions = {}): () => Promise<TRemoteHarness> {
  return async () => {
    const rig = await startTwilioRig(options);
    // Samvad's ids for inbound calls come with call.incoming; outbound ones are in the answer URL
    const sids = new Map<string, string>();
    rig.provider.onEvent((event) => {
      if (event.type === 'call.incoming') sids.set(event.callId, event.call.providerCallId);
    });
    const sidOf = (callId: string): string => {
      const sid = sids.get(callId) ?? rig.fake.outboundFor(callId)?.sid;
      if (!sid) throw new Error(`Twilio has no call for ${callId}`);
      return sid;
    };
    return {
      provider: rig.provider,
      dialIn: async (from, to) => {
        const call = rig.fake.dialIn(from, to);
        await waitForEvent(rig, (e) => e.type === 'call.incoming' && e.call.providerCallId === call.sid, 5000);
      },
      pressDigits: (callId, digits) => rig.fake.pressDigits(sidOf(callId), digits),
      remoteHangup: (callId) => rig.fake.hangup(sidOf(callId)),
      recordingStarted: (callId) => rig.fake.recordingStarted(sidOf(callId)),
      scriptOutbound: (to, behaviour) => rig.fake.script(twilioAddressOf(to), SCRIPTS[behaviour]),
      heard: (callId) => rig.fake.get(sidOf(callId)).heard,
      // Twilio has no standing link to drop: each webhook is its own HTTP request and each command
      // its own REST call, so "the link" cannot break between them. These are honest no-ops; what
      // can fail (a webhook or a REST call) is tested on its own in twilio.webhooks.test.ts.
      dropLink: async () => undefined,
      restoreLink: async () => undefined,
      close: async () => {
        // read before closing: a scenario that passed while Twilio would have complained did not pass
        const complaints = rig.fake.complaints();
        await rig.close();
        if (complaints.length > 0) throw new Error(`Twilio would have complained:\n${complaints.join('\n')}`);
      },
    };
  };
}
