import { spawn } from 'node:child_process';
import { createLogger } from '../server/src/logger.js';
import { AriProvider } from '../server/src/telephony/ari/ari.provider.js';
import { createSimulator } from '../server/src/telephony/sim/index.js';
import { ROOT } from './lib.js';
import type { TBenchFarSide } from './telephony-calls.js';

/** The simulator in-process, as the demo runs it: callers key 4512# half a second into the question. */
export function simulatorFarSide(): TBenchFarSide {
  const { network, provider } = createSimulator({ seed: 7 });
  return {
    provider,
    dialIn(i) {
      network.dialIn(`+9198${String(10_000_000 + i).slice(-8)}`, '+9118002334455', { presses: [{ keys: '4512#', afterSec: 0.5, from: 'collect' }] });
    },
    close: async () => undefined,
  };
}

/** The ARI adapter against the ARI test server running in a child process (REST and WebSocket over loopback). */
export async function ariFarSide(): Promise<TBenchFarSide> {
  const password = 'bench';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ari-far-side-child.ts'], {
    cwd: ROOT,
    env: { ...process.env, ARI_BENCH_PASSWORD: password },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'url' in message && typeof message.url === 'string') resolve(message.url);
      else reject(new Error('the ARI test server did not say where it listens'));
    });
    child.once('exit', (code) => reject(new Error(`the ARI test server exited with ${code}`)));
  });
  const provider = new AriProvider({ url, username: 'bench', password, app: 'samvad' }, { logger: createLogger('warn') });
  return {
    provider,
    dialIn(i) {
      child.send({ dial: i });
    },
    async close() {
      child.send({ close: true });
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
