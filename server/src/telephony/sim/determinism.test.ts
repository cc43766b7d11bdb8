import { describe, expect, it } from 'vitest';
import type { TTelephonyEvent } from '../port.js';
import { VirtualClock } from './clock.js';
import { SimulatedNetwork } from './network.js';
import { SimProvider } from './provider.js';
import { TrafficGenerator } from './traffic.js';

const RESIDENTS = ['+919826012345', '+917000123456', '+918839900112', '+919425011223', '+916260334455'];

/**
 * An hour of the helpline at its late-morning peak: demo traffic dials in, a small IVR answers,
 * asks for a menu choice, sends '0' to an agent and plays the rest a goodbye; a campaign calls a
 * few unscripted numbers. Returns every event the provider delivered.
 */
async function simulateHour(seed: number): Promise<TTelephonyEvent[]> {
  const clock = new VirtualClock(Date.parse('2026-03-12T05:30:00Z')); // 11:00 in India
  const network = new SimulatedNetwork({ seed, clock });
  const provider = new SimProvider(network);
  const events: TTelephonyEvent[] = [];
  // calls end while the IVR talks to them: those refusals are part of telephony
  const ignore = (): void => undefined;
  let agents = 0;
  const waitingForAgent = new Map<string, string>();
  provider.onEvent((event) => {
    events.push(event);
    switch (event.type) {
      case 'call.incoming':
        void provider
          .answer(event.callId)
          .then(() =>
            provider.collect(event.callId, {
              requestId: `menu:${event.callId}`,
              maxDigits: 1,
              timeoutMs: 6000,
              prompt: { kind: 'speech', text: 'Press 1 for certificates, 2 for pensions, 0 for an agent.', language: 'en' },
            }),
          )
          .catch(ignore);
        break;
      case 'call.digits':
        if (event.digits === '0') {
          agents += 1;
          const agentLeg = `agent-leg-${agents}`;
          waitingForAgent.set(agentLeg, event.callId);
          void provider.hold(event.callId).catch(ignore);
          void provider.originate({ callId: agentLeg, to: `agent:agent${agents % 3}`, callerId: '+9118002334455', timeoutSec: 20 }).catch(ignore);
        } else {
          void provider.play(event.callId, { kind: 'speech', text: `You chose ${event.digits || 'nothing'}. Goodbye.`, language: 'en' }).catch(ignore);
        }
        break;
      case 'media.finished':
        // the goodbye: the only media that finishes after the caller's choice
        if (events.some((e) => e.callId === event.callId && e.type === 'call.digits')) {
          void provider.hangup(event.callId).catch(ignore);
        }
        break;
      case 'call.answered': {
        const caller = waitingForAgent.get(event.callId);
        if (caller) void provider.bridge(caller, event.callId).catch(ignore);
        break;
      }
      case 'call.unbridged':
        void provider.hangup(event.callId).catch(ignore);
        break;
      default:
        break;
    }
  });
  await provider.start();
  const traffic = new TrafficGenerator({ network, tollFree: '+9118002334455', residents: RESIDENTS, peakPerMinute: 3, seed });
  traffic.start();
  for (let i = 0; i < 5; i++) {
    await provider.originate({ callId: `survey-${i}`, to: `+91970000000${i}`, callerId: '+911600233445', timeoutSec: 30, detectMachine: true });
  }
  await clock.advance(3_600_000);
  traffic.stop();
  network.close();
  return events;
}

describe('determinism', () => {
  it('the same seed replays the same hour, event for event', async () => {
    const first = await simulateHour(42);
    const second = await simulateHour(42);
    expect(first.length).toBeGreaterThan(300);
    // the hour was busy in every way the simulator can be
    const types = new Set(first.map((e) => e.type));
    for (const type of ['call.incoming', 'call.dtmf', 'call.digits', 'media.finished', 'call.bridged', 'call.hangup', 'call.machine']) expect(types).toContain(type);
    expect(second).toEqual(first);
  });

  it('another seed gives another hour', async () => {
    const [a, b] = [await simulateHour(42), await simulateHour(43)];
    expect(b).not.toEqual(a);
  });
});
