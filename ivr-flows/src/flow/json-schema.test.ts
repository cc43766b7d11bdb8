import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flowJsonSchema } from './json-schema.js';

const published = fileURLToPath(new URL('../../flow.schema.json', import.meta.url));
const flows = (name: string): unknown => parse(readFileSync(fileURLToPath(new URL(`../../flows/${name}.yaml`, import.meta.url)), 'utf8'));

describe('the published JSON Schema', () => {
  it('is the one the zod schema generates (run `npm run schema -w @samvad/ivr-flows` after changing the format)', () => {
    expect(readFileSync(published, 'utf8')).toBe(flowJsonSchema());
  });

  it('accepts the default flows and refuses a misspelt node type, as an editor would', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(published, 'utf8')));
    expect(validate(flows('helpline')), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
    expect(validate(flows('survey'))).toBe(true);
    expect(validate({ schemaVersion: 1, id: 'x', version: '1', languages: ['hi'], defaultLanguage: 'hi', start: 'a', nodes: { a: { type: 'sayy', next: 'a' } } })).toBe(false);
  });
});
