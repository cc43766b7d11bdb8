import { AriTestServer } from '../server/test/support/ari-server/server.js';

/**
 * The ARI benchmark's Asterisk: the protocol-faithful test server in its own process, so the
 * adapter's event loop is measured alone. The parent sends `{ dial: i }`; the citizen keys
 * 4512# once the prompt has begun.
 */
const PRESS_AFTER_MS = 700;

const server = await AriTestServer.start({ username: 'bench', password: process.env.ARI_BENCH_PASSWORD ?? 'bench' });
process.send?.({ url: server.url });
process.on('message', (message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  if ('dial' in message && typeof message.dial === 'number') {
    const { channelId } = server.dialIn(`+9197${String(10_000_000 + message.dial).slice(-8)}`, '+9118002334455');
    setTimeout(() => void server.pressDigits(channelId, '4512#'), PRESS_AFTER_MS);
  }
  if ('close' in message) void server.close().then(() => process.exit(0));
});
