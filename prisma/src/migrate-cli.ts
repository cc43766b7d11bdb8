import { migrate } from './migrate.js';

// `npm run migrate`: brings DATABASE_URL up to date with prisma/migrations.
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://samvad:samvad@127.0.0.1:5432/samvad';

try {
  const { applied } = await migrate(databaseUrl, { log: (msg) => console.log(msg) });
  console.log(applied.length === 0 ? 'No pending migrations.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
