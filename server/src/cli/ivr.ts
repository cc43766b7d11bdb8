import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createDatabase } from '@samvad/db';
import { describeProblem, loadFlowFile } from '@samvad/ivr-flows';
import { createIvrLookups } from '../callcontrol/ivr-lookups.js';
import { loadConfig } from '../config.js';
import { runIvrSession } from './ivr-session.js';

const USAGE = `npm run ivr -- validate <flow.yaml> [more.yaml …]
npm run ivr -- try <flow.yaml> [--from +91…] [--at 2026-03-12T12:00+05:30] [--write] [--trace]`;

/**
 * Flow files from the terminal: `validate` checks them as the server would at start-up;
 * `try` walks one as a caller against the database (DATABASE_URL), reading keys from stdin.
 */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, at: { type: 'string' }, write: { type: 'boolean', default: false }, trace: { type: 'boolean', default: false } },
  });
  const [verb, ...files] = positionals;
  if ((verb !== 'validate' && verb !== 'try') || files.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  if (verb === 'validate') {
    let failed = 0;
    for (const file of files) {
      const result = await loadFlowFile(file);
      if (result.ok) {
        process.stdout.write(`ok ${file}: flow "${result.flow.id}" version ${result.flow.version}, ${Object.keys(result.flow.nodes).length} nodes\n`);
        for (const warning of result.warnings) process.stdout.write(`warning ${warning}\n`);
      } else {
        failed += 1;
        process.stdout.write(`refused ${describeProblem(result.error)}\n`);
      }
    }
    return failed === 0 ? 0 : 1;
  }

  const loaded = await loadFlowFile(files[0] ?? '');
  if (!loaded.ok) {
    process.stdout.write(`refused ${describeProblem(loaded.error)}\n`);
    return 1;
  }
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) {
    process.stderr.write(`--at: not a time: ${values.at}\n`);
    return 64;
  }
  const config = loadConfig({ SAMVAD_MODE: 'demo', ...process.env });
  const database = createDatabase({ url: config.database.url, poolSize: 2 });
  const lookups = createIvrLookups({ prisma: database.prisma, sql: database.pool, settings: { ...config.ivr.voiceGrievance, callbackDueMinutes: config.ivr.callbackDueMinutes } });
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const lines = terminal[Symbol.asyncIterator]();
  try {
    const session = await runIvrSession({
      flow: loaded.flow,
      lookups,
      caller: values.from ?? null,
      at: at.toISOString(),
      write: values.write,
      trace: values.trace,
      io: {
        say: (line) => process.stdout.write(`${line}\n`),
        async keys(prompt) {
          process.stdout.write(prompt);
          const next = await lines.next();
          if (!process.stdin.isTTY) process.stdout.write(`${next.done ? '' : next.value}\n`);
          return next.done ? null : next.value;
        },
      },
    });
    process.stdout.write(`(${session.steps} steps; the flow ${session.status === 'queued' ? 'handed the call to a queue' : 'ended'})\n`);
    return 0;
  } finally {
    terminal.close();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
