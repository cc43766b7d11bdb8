import type { TTelephonyEvent } from '../port.js';
import { VirtualClock } from './clock.js';
import { SimulatedNetwork, type TSimulatorOptions } from './network.js';
import { SimProvider } from './provider.js';
import type { TCitizenScriptInput } from './script.js';

/** an event in one short line, so tests compare whole sequences: 'media.finished interrupted' */
export function describeEvent(event: TTelephonyEvent): string {
  switch (event.type) {
    case 'call.incoming':
      return `${event.type} ${event.call.from}>${event.call.to}`;
    case 'call.dtmf':
      return `${event.type} ${event.digit}`;
    case 'call.digits':
      return `${event.type} ${event.digits} ${event.reason}`;
    case 'media.finished':
      return `${event.type} ${event.reason}`;
    case 'call.machine':
      return `${event.type} ${event.result}`;
    case 'call.failed':
      return `${event.type} ${event.reason} ${event.q850}`;
    case 'call.hangup':
      return `${event.type} ${event.cause} ${event.q850} ${event.by}`;
    default:
      return event.type;
  }
}

/**
 * A started simulator on a virtual clock for unit tests: time moves only through `clock`, and
 * `events` holds everything the provider said.
 */
export async function simRig(options: Omit<TSimulatorOptions, 'clock'> & { start?: number } = {}) {
  const clock = new VirtualClock(options.start ?? Date.parse('2026-03-12T05:30:00Z'));
  const network = new SimulatedNetwork({ ...options, clock });
  const provider = new SimProvider(network);
  const events: TTelephonyEvent[] = [];
  provider.onEvent((event) => events.push(event));
  await provider.start();
  return {
    clock,
    network,
    provider,
    events,
    /** one leg's events, described */
    of: (callId: string): string[] => events.filter((e) => e.callId === callId).map(describeEvent),
    /** an inbound call, answered, with its caller following `script` */
    async answered(script: TCitizenScriptInput = {}, from = '+919876543210'): Promise<string> {
      const callId = network.dialIn(from, '+9118002334455', script);
      await provider.answer(callId);
      await clock.advance(0);
      return callId;
    },
  };
}
