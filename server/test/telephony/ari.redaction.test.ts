import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { AriProvider } from '../../src/telephony/ari/ari.provider.js';
import { secretForms } from '../../src/telephony/ari/ari.redact.js';
import { ARI_PASSWORD, ARI_USER, makeAriHarness, testConfig } from '../support/ari-server/harness.js';
import { AriTestServer } from '../support/ari-server/server.js';
import { freePort, LogCapture, waitUntil } from '../support/ari-server/wait.js';
import { EventLog } from './contract.js';

describe('the ARI password', () => {
  it('never reaches a log line, through refusals, outages, reconnects, calls and failed requests', async () => {
    const logs = new LogCapture();
    const logger = createLogger('trace', logs);

    // refused: wrong password on the server side
    const refusing = await AriTestServer.start({ username: ARI_USER, password: 'another' });
    const refused = new AriProvider(testConfig(refusing.url), { logger });
    void refused.start();
    await waitUntil(() => refusing.requests.filter((r) => r.status === 401).length >= 2, 'refusals');
    await refused.stop();
    await refusing.close();

    // nothing listening
    const dead = new AriProvider(testConfig(`http://127.0.0.1:${await freePort()}`), { logger });
    void dead.start();
    await waitUntil(() => {
      const status = dead.status();
      return status.state === 'disconnected' && status.attempts >= 2;
    }, 'two attempts');
    await dead.stop();

    // a working link: a call, a dropped socket, a reconnect, a request that cannot complete
    const h = await makeAriHarness({ logger });
    const log = new EventLog(h.provider);
    await h.provider.start();
    await h.dialIn('+919812399999', '+9118002334455');
    const incoming = await log.waitFor('call.incoming');
    await h.provider.answer(incoming.callId);
    await h.dropLink();
    await h.restoreLink();
    await waitUntil(() => h.provider.status().state === 'connected', 'reconnected');
    await h.server.close();
    await expect(h.provider.play(incoming.callId, { kind: 'file', uri: 'sound:x' })).rejects.toMatchObject({ code: 'unavailable' });
    await h.provider.stop();

    const messages = logs.messages();
    for (const expected of ['ARI not reachable; will retry', 'ARI event socket lost; ari-client is reconnecting', 'ARI event socket connected']) {
      expect(messages).toContain(expected);
    }
    const secrets = secretForms(ARI_USER, ARI_PASSWORD);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) expect(logs.text).not.toContain(secret);
  });

  it('is not echoed by a configuration error', () => {
    let message = '';
    try {
      new AriProvider({ ...testConfig('not a url'), password: 'sup3r-secret' }, { logger: createLogger('silent') });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/url/i);
    expect(message).not.toContain('sup3r-secret');
  });
});
