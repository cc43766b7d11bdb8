import { z } from 'zod';
import { ZFlow } from './schema.js';

/** The JSON Schema editors validate flow files with (`flow.schema.json`), generated from the zod schema. */
export function flowJsonSchema(): string {
  const schema = z.toJSONSchema(ZFlow, { io: 'input', cycles: 'ref', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Samvad IVR flow', $id: 'https://samvad.example/ivr-flow.schema.json' }, null, 2)}\n`;
}
