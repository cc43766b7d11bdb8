import { AriHttpError, HANGUP_REASONS, channelJson, type TBehaviour, type TChan } from './world-types.js';
import { keyOnRecording } from './world-media.js';
import type { FakeAsterisk } from './world.js';

/**
 * Calls in and out, as the dialplan in telephony/asterisk/extensions.conf and a carrier would
 * make them, and the far side's keys and hang-ups.
 */

/** [helpline]: a carrier call to the toll-free number enters Stasis(samvad,inbound,<number>). */
export function dialIn(world: FakeAsterisk, presented: string, exten: string): { channel: TChan; inStasis: boolean } {
  const c = world.newChannel({
    name: world.channelName('PJSIP', 'carrier'),
    state: 'Ring',
    caller: { name: '', number: presented },
    dialplan: { context: 'helpline', exten, priority: 5, app_name: '', app_data: '' },
  });
  if (world.enterStasis(c, world.options.dialplanApp, ['inbound', exten])) return { channel: c, inStasis: true };
  // STASISSTATUS=FAILED: the dialplan apologises and hangs up; no app hears of it
  c.dialplan = { ...c.dialplan, priority: 9, app_name: 'Playback', app_data: 'sorry&vm-goodbye' };
  world.later(c, 20, () => world.teardown(c, 16));
  return { channel: c, inStasis: false };
}

export function answer(world: FakeAsterisk, channelId: string): void {
  const c = world.controlled(channelId);
  world.setState(c, 'Up');
}

/** DELETE /channels/{id}: reason_code (Q.850) or a reason name; normal clearing by default. */
export function hangup(world: FakeAsterisk, channelId: string, reasonCode: string | null, reason: string | null): void {
  const c = world.channel(channelId);
  let cause = 16;
  if (reasonCode !== null) {
    cause = Number(reasonCode);
    if (!Number.isInteger(cause) || cause < 0 || cause > 127) throw new AriHttpError(400, 'Invalid reason for hangup provided');
  } else if (reason !== null) {
    const mapped = HANGUP_REASONS[reason];
    if (mapped === undefined) throw new AriHttpError(400, 'Invalid reason for hangup provided');
    cause = mapped;
  }
  // the hangup happens on the channel's own thread, after the 204
  setImmediate(() => world.requestHangup(c, cause, true));
}

export interface TOriginate {
  channelId: string | null;
  endpoint: string | null;
  app: string | null;
  appArgs: string | null;
  context: string | null;
  extension: string | null;
  callerId: string | null;
  timeout: string | null;
  variables: Record<string, string>;
}

/** POST /channels and /channels/{id}: the far side then behaves as scripted for the endpoint. */
export function originate(world: FakeAsterisk, request: TOriginate): ReturnType<typeof channelJson> {
  if (!request.endpoint) throw new AriHttpError(400, 'Endpoint must be specified');
  const [tech, resource] = request.endpoint.split(/\/(.*)/s);
  if (!tech || !resource) throw new AriHttpError(400, 'Endpoint parameter must be in the format tech/resource');
  if (!request.app && !request.context && !request.extension) throw new AriHttpError(400, 'Application or extension must be specified');
  if (!request.app && request.context !== 'outbound-amd') throw new AriHttpError(400, 'the test server runs only the outbound-amd context');
  if (request.channelId && world.channels.has(request.channelId)) throw new AriHttpError(409, 'Channel with given unique ID already exists');
  const timeoutSec = request.timeout === null ? 30 : Number(request.timeout);
  if (!Number.isInteger(timeoutSec)) throw new AriHttpError(400, 'Invalid timeout');
  const endpointName = resource.includes('@') ? (resource.split('@')[1] ?? resource) : resource;
  const behaviour = world.scripts.get(request.endpoint) ?? 'answer';
  const c = world.newChannel({
    name: world.channelName(tech, endpointName),
    state: 'Down',
    caller: { name: '', number: request.callerId ?? '' },
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' },
    origin: {
      app: request.app,
      appArgs: request.appArgs ? request.appArgs.split(',') : [],
      context: request.app ? null : request.context,
      timeoutMs: timeoutSec > 0 ? timeoutSec * 1000 : Number.POSITIVE_INFINITY,
      behaviour,
    },
    ...(request.channelId ? { id: request.channelId } : {}),
  });
  for (const [name, value] of Object.entries(request.variables)) c.vars.set(name, value);
  // an originate to an app subscribes the app at once: it hears the dialling too
  if (request.app) c.subscribers.add(request.app);
  // dialling starts before the response is written, so this event can beat it
  world.send(c.subscribers, 'Dial', { peer: channelJson(c), dialstring: resource, dialstatus: '' });
  farSide(world, c, behaviour);
  return channelJson(c);
}

function dial(world: FakeAsterisk, c: TChan, dialstatus: string): void {
  world.send(c.subscribers, 'Dial', { peer: channelJson(c), dialstatus });
}

function ring(world: FakeAsterisk, c: TChan): void {
  world.setState(c, 'Ringing');
  dial(world, c, 'RINGING');
}

function farSide(world: FakeAsterisk, c: TChan, behaviour: TBehaviour): void {
  const t = world.options.timings;
  const timeoutMs = c.origin?.timeoutMs ?? 30_000;
  // ringMs 0: the phone rings before the originate response is written, as it may on a real system
  const ringing = () => (t.ringMs === 0 ? ring(world, c) : world.later(c, t.ringMs, () => ring(world, c)));
  switch (behaviour) {
    case 'answer':
    case 'machine':
      ringing();
      world.later(c, t.ringMs + t.answerMs, () => answered(world, c, behaviour === 'machine'));
      break;
    case 'no_answer':
      ringing();
      // ast_dial gives up: it hangs the channel up itself, no cause is set and no Dial status is sent
      if (Number.isFinite(timeoutMs)) world.later(c, timeoutMs, () => world.teardown(c, 0));
      break;
    case 'busy':
      world.later(c, t.failMs, () => {
        dial(world, c, 'BUSY');
        world.requestHangup(c, 17, false);
      });
      break;
    case 'congestion':
      world.later(c, t.failMs, () => {
        dial(world, c, 'CONGESTION');
        world.requestHangup(c, 34, false);
      });
      break;
    case 'rejected':
      world.later(c, t.failMs, () => world.requestHangup(c, 21, false));
      break;
  }
}

function answered(world: FakeAsterisk, c: TChan, machine: boolean): void {
  dial(world, c, 'ANSWER');
  world.setState(c, 'Up');
  const origin = c.origin;
  if (!origin) return;
  if (origin.app) {
    if (!world.enterStasis(c, origin.app, origin.appArgs)) world.teardown(c, 16);
    return;
  }
  // [outbound-amd]: AMD() listens to the greeting, then Stasis(samvad,outbound,<status>,<cause>)
  world.moveDialplan(c, { context: 'outbound-amd', exten: 's', priority: 1, app_name: 'AMD', app_data: '' });
  world.later(c, world.options.timings.amdMs, () => {
    const [status, cause] = machine ? ['MACHINE', 'LONGGREETING-1500-1500'] : ['HUMAN', 'HUMAN-800-800'];
    world.setVar(c, 'AMDSTATUS', status);
    world.setVar(c, 'AMDCAUSE', cause);
    const app = world.options.dialplanApp;
    world.moveDialplan(c, { priority: 2, app_name: 'Stasis', app_data: `${app},outbound,${status},${cause}` });
    if (!world.enterStasis(c, app, ['outbound', status, cause])) world.teardown(c, 16);
  });
}

/** Keys pressed on the far side. Inside a bridge without dtmf_events they pass through unreported. */
export async function pressDigits(world: FakeAsterisk, channelId: string, digits: string): Promise<void> {
  for (const digit of digits) {
    await new Promise((resolve) => setTimeout(resolve, world.options.timings.dtmfGapMs));
    const c = world.channels.get(channelId);
    if (!c || c.dying) return;
    const bridge = c.bridgeId ? world.bridges.get(c.bridgeId) : undefined;
    if (bridge && !bridge.dtmfEvents) continue;
    world.channelEvent(c, 'ChannelDtmfReceived', { digit, duration_ms: 100 });
    keyOnRecording(world, c, digit);
  }
}

export function remoteHangup(world: FakeAsterisk, channelId: string, cause = 16): void {
  const c = world.channels.get(channelId);
  if (c) world.requestHangup(c, cause, false);
}
