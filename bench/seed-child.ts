import { seed } from '@samvad/db/seed';

// Seeds in a process of its own so that its peak memory is measured alone. Prints the report as
// the last line of stdout.
const [databaseUrl, households, seedValue] = process.argv.slice(2);
if (!databaseUrl || !households || !seedValue) throw new Error('usage: seed-child.ts <url> <households> <seed>');
const report = await seed({
  databaseUrl,
  households: Number(households),
  seed: Number(seedValue),
  log: (msg) => process.stderr.write(`[seed] ${msg}\n`),
});
process.stdout.write(`${JSON.stringify(report)}\n`);
