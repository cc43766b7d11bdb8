// Prints the SQL that takes an empty database to schema.prisma, using the WebAssembly build of
// Prisma's schema engine (the native engine is a download that offline machines cannot fetch).
// Use it to write a new migration: diff its output against the previous one, or run it with
// --from-database <url> to get the statements that take that database to the schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), { './schema_engine_bg.js': runtime });
runtime.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');
const { PrismaPg } = await import('@prisma/adapter-pg');

const schemaPath = fileURLToPath(new URL('../schema.prisma', import.meta.url));
const schema = readFileSync(schemaPath, 'utf8');
const fromIndex = process.argv.indexOf('--from-database');
const url = fromIndex > 0 ? process.argv[fromIndex + 1] : (process.env.DATABASE_URL ?? 'postgresql://samvad:samvad@127.0.0.1:5432/samvad');
const files = [{ path: 'schema.prisma', content: schema }];
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
const engine = await runtime.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapter);
const from = fromIndex > 0 ? { tag: 'schemaDatasource', files, configDir: process.cwd() } : { tag: 'empty' };
const result = await engine.diff({
  from,
  to: { tag: 'schemaDatamodel', files },
  script: true,
  exitCode: true,
  filters: { externalTables: [], externalEnums: [] },
});
// The empty-database diff starts with CREATE SCHEMA, which `prisma migrate dev` leaves out.
process.stdout.write((result.stdout ?? '').replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, ''));
process.exit(0);
