import { parseArgs } from 'node:util';
import { DEFAULT_AS_OF, seed } from './index.js';
import { formatCount } from './progress.js';

// npm run seed -- --households N --seed S [--as-of YYYY-MM-DD] [--batch-size B]
// Loads the demo data set into DATABASE_URL (default: the local samvad database). Progress goes
// to stderr; the final summary line goes to stdout so that scripts can capture it.

const DEFAULT_URL = 'postgresql://samvad:samvad@127.0.0.1:5432/samvad';

function nonNegativeInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      households: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      'batch-size': { type: 'string' },
      'database-url': { type: 'string' },
      'no-index-rebuild': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run seed -- [--households N] [--seed S] [--as-of YYYY-MM-DD] [--batch-size B] [--database-url URL] [--no-index-rebuild]\n' +
        `Defaults: 20000 households, seed 1, as-of ${DEFAULT_AS_OF}, DATABASE_URL or ${DEFAULT_URL}.\n` +
        'DEMO_PASSWORD sets the demo users\' password (default samvad-demo).\n',
    );
    return;
  }
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? DEFAULT_URL;
  const households = nonNegativeInteger('households', values.households, 20_000);
  const seedValue = nonNegativeInteger('seed', values.seed, 1);
  const batchSize = values['batch-size'] === undefined ? undefined : nonNegativeInteger('batch-size', values['batch-size'], 0);

  const started = new Date();
  const log = (msg: string): void => {
    const t = ((Date.now() - started.getTime()) / 1000).toFixed(1).padStart(7);
    process.stderr.write(`[seed ${t}s] ${msg}\n`);
  };
  log(`Seeding ${formatCount(households)} households with seed ${seedValue} into ${new URL(databaseUrl).pathname.slice(1)}`);
  const report = await seed({
    databaseUrl,
    households,
    seed: seedValue,
    log,
    ...(values['as-of'] !== undefined ? { asOf: values['as-of'] } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(process.env.DEMO_PASSWORD ? { demoPassword: process.env.DEMO_PASSWORD } : {}),
    ...(values['no-index-rebuild'] ? { rebuildIndexes: false } : {}),
  });

  for (const t of report.tables) {
    log(`  ${t.table.padEnd(22)} ${formatCount(t.rows).padStart(14)} rows  ${formatCount(t.rowsPerSecond).padStart(10)} rows/s in COPY`);
  }
  log(`Phases (s): ${Object.entries(report.phases).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`No district office (routing falls back to the state office): ${report.officeGaps.map((g) => `${g.districtName}/${g.departmentCode}`).join(', ')}`);
  process.stdout.write(
    `seed done: households=${report.households} residents=${report.residents} rows=${report.totalRows} ` +
      `seconds=${report.seconds} rows_per_s=${report.rowsPerSecond} peak_rss_mb=${report.peakRssMb}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
