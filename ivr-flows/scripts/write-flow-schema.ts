import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flowJsonSchema } from '../src/flow/json-schema.js';

// npm run schema -w @samvad/ivr-flows: rewrites flow.schema.json after a change to the flow format
const path = fileURLToPath(new URL('../flow.schema.json', import.meta.url));
writeFileSync(path, flowJsonSchema());
process.stdout.write(`wrote ${path}\n`);
