import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@samvad/db';
import { describe, expect, inject, it } from 'vitest';

const CONFIG_DIR = fileURLToPath(new URL('../../../telephony/asterisk/', import.meta.url));

/** `[name](template)` headers of an Asterisk .conf file, with the templates each section uses */
function sections(file: string): { name: string; templates: string[] }[] {
  return [...readFileSync(`${CONFIG_DIR}${file}`, 'utf8').matchAll(/^\[([^\]]+)\](?:\(([^)]*)\))?/gm)].map((m) => ({
    name: m[1] ?? '',
    templates: (m[2] ?? '').split(',').filter(Boolean),
  }));
}

describe('the Asterisk configuration docker-compose mounts', () => {
  it('has a WebRTC softphone endpoint, address and login for every console agent and supervisor', async () => {
    const database = createDatabase({ url: inject('databaseUrl'), poolSize: 1 });
    try {
      // the demo's console users (agent1, supervisor1 …); tests create users of their own with other names
      const users = (await database.prisma.user.findMany({ where: { role: { in: ['agent', 'supervisor'] } }, select: { username: true } })).filter((u) =>
        /^(agent|supervisor)\d+$/.test(u.username),
      );
      expect(users.length).toBeGreaterThan(0);
      const pjsip = sections('pjsip.conf');
      for (const { username } of users) {
        const own = pjsip.filter((s) => s.name === username).flatMap((s) => s.templates);
        expect(own, `pjsip.conf for ${username}`).toEqual(expect.arrayContaining(['agent-endpoint', 'agent-aor', 'agent-auth']));
      }
    } finally {
      await database.close();
    }
  });

  it('sends the toll-free number to the Stasis app and apologises when the app is away', () => {
    const dialplan = readFileSync(`${CONFIG_DIR}extensions.conf`, 'utf8');
    expect(dialplan).toMatch(/Stasis\(samvad/);
    expect(dialplan).toMatch(/STASISSTATUS/);
  });
});
