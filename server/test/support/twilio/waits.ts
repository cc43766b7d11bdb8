import type { TTelephonyEvent } from '../../../src/telephony/port.js';
import type { TTwilioRig } from './rig.js';
import type { TWebhookRecord } from './fake-twilio.js';
import { findAll, readTwiml, type TTwimlNode } from './twiml-reader.js';

/** the first past or future event of this type that matches */
export function eventOf<T extends TTelephonyEvent['type']>(
  rig: TTwilioRig,
  type: T,
  where: (event: Extract<TTelephonyEvent, { type: T }>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Extract<TTelephonyEvent, { type: T }>> {
  const match = (event: TTelephonyEvent): event is Extract<TTelephonyEvent, { type: T }> => event.type === type && where(event as Extract<TTelephonyEvent, { type: T }>);
  const seen = rig.events.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${type} within ${timeoutMs} ms; saw ${rig.events.map((e) => e.type).join(', ')}`));
    }, timeoutMs);
    const stop = rig.provider.onEvent((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

/** waits until `check` holds (polling), or fails saying what it waited for */
export async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function typesOf(rig: TTwilioRig, callId: string): string[] {
  return rig.events.filter((e) => e.callId === callId).map((e) => e.type);
}

/** the webhooks Twilio sent to a path (e.g. '/gather'), oldest first */
export function webhooksTo(rig: TTwilioRig, path: string): TWebhookRecord[] {
  return rig.fake.webhooks.filter((w) => new URL(w.url).pathname.endsWith(path));
}

/** posts a webhook Twilio already sent once more, as Twilio's retry would */
export function resend(rig: TTwilioRig, webhook: TWebhookRecord): Promise<{ status: number; body: string }> {
  return rig.post(webhook.url.slice(rig.publicBaseUrl.length), webhook.params);
}

/** the verbs of the last TwiML document a call ran */
export function lastDocument(rig: TTwilioRig, sid: string): TTwimlNode {
  const twiml = rig.fake.get(sid).documents.at(-1);
  if (!twiml) throw new Error(`call ${sid} ran no TwiML`);
  return readTwiml(twiml);
}

export function only(node: TTwimlNode, name: string): TTwimlNode {
  const [found, ...more] = findAll(node, name);
  if (!found || more.length > 0) throw new Error(`expected one <${name}>, found ${more.length + (found ? 1 : 0)}`);
  return found;
}

/** a citizen's call, answered by Samvad: its Samvad id and its CallSid */
export async function answeredInbound(rig: TTwilioRig, from = '+919876543210'): Promise<{ callId: string; sid: string }> {
  const call = rig.fake.dialIn(from, '+9118002334455');
  const incoming = await eventOf(rig, 'call.incoming', (e) => e.call.providerCallId === call.sid);
  await rig.provider.answer(incoming.callId);
  return { callId: incoming.callId, sid: call.sid };
}

/** an outbound call placed by Samvad and answered as `script` says */
export async function answeredOutbound(
  rig: TTwilioRig,
  callId: string,
  to: string,
  options: { detectMachine?: boolean } = {},
): Promise<{ callId: string; sid: string }> {
  await rig.provider.originate({ callId, to, callerId: '+9118002334455', timeoutSec: 20, detectMachine: options.detectMachine ?? false });
  await eventOf(rig, 'call.answered', (e) => e.callId === callId);
  const sid = rig.fake.outboundFor(callId)?.sid;
  if (!sid) throw new Error(`no Twilio call for ${callId}`);
  return { callId, sid };
}
