import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDatabase } from '@samvad/db';
import { afterAll, describe, expect, inject, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HELPLINE = join(ROOT, 'ivr-flows/flows/helpline.yaml');
const run = promisify(execFile);

/** the CLI as a person runs it, with keys piped in and the test database */
async function ivr(args: string[], input = ''): Promise<{ code: number; out: string }> {
  const child = run(process.execPath, ['--import', 'tsx', 'server/src/cli/ivr.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: inject('databaseUrl') } });
  child.child.stdin?.end(input);
  try {
    const { stdout } = await child;
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, out: failed.stdout ?? '' };
  }
}

describe('npm run ivr', () => {
  const database = createDatabase({ url: inject('databaseUrl'), poolSize: 1 });
  afterAll(() => database.close());

  it('validate: accepts the default flows and refuses a broken one with file, node and problem', async () => {
    const ok = await ivr(['validate', HELPLINE]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^ok .*helpline\.yaml: flow "helpline"/);
    const dir = mkdtempSync(join(tmpdir(), 'flow-'));
    writeFileSync(join(dir, 'broken.yaml'), 'schemaVersion: 1\nid: b\nversion: "1"\nlanguages: [en]\ndefaultLanguage: en\nstart: a\nnodes:\n  a: { type: say, prompt: { en: hi }, next: nowhere }\n');
    const refused = await ivr(['validate', join(dir, 'broken.yaml')]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('refused broken.yaml: node "a": leads to "nowhere", which is not a node');
  });

  it('try: walks the helpline as a seeded caller and reads a real application status', async () => {
    const { rows } = await database.pool.query<{ mobile: string; application_no: string }>(
      `SELECT r.mobile, a.application_no
         FROM service_applications a JOIN residents r ON r.id = a.resident_id
        WHERE r.mobile IS NOT NULL AND (SELECT count(*) FROM residents o WHERE o.mobile = r.mobile) = 1
        ORDER BY a.id LIMIT 1`,
    );
    const seeded = rows[0];
    if (!seeded) throw new Error('the seed has no application of a resident with a phone');
    const { code, out } = await ivr(['try', HELPLINE, '--from', seeded.mobile, '--at', '2026-03-12T12:00:00+05:30'], `1\n1\n${seeded.application_no}#\n`);
    expect(code).toBe(0);
    expect(out).toContain('🔎 householdByCaller');
    expect(out).toContain(`🔎 applicationStatus {"applicationNo":"${seeded.application_no}"}`);
    // twelve digits are read in three groups of four: "6 9 1 2, 9 9 1 4, 7 6 7 7"
    const spoken = (seeded.application_no.match(/\d{4}/g) ?? []).map((group) => group.split('').join(' ')).join(', ');
    expect(out).toContain(spoken);
    expect(out).toMatch(/\(\d+ steps; the flow ended\)/);
  });
});
