import { describe, expect, it } from 'vitest';
import { FLOIP_FIELDS, floipPackage, floipTimestamp } from './floip.js';
import { answer, CONTACTS, QUESTIONS } from './testing.js';

const input = {
  id: '0c364ee1-0305-42ad-9fc9-2ec5a80c55fa',
  name: 'samvad-campaign-12',
  title: 'PDS feedback, March 2026',
  created: new Date('2026-03-01T00:00:00Z'),
  modified: new Date('2026-03-05T00:00:00Z'),
  questions: QUESTIONS,
  contacts: CONTACTS,
};

describe('floipPackage', () => {
  it('writes a descriptor with the seven fields and one schema entry per question', () => {
    const { descriptor, descriptorJson } = floipPackage({ ...input, answers: [] });
    expect(descriptor).toMatchObject({ profile: 'flow-results-package', 'flow-results-specification': '1.0.0-rc1', id: input.id, name: input.name });
    const resource = descriptor.resources[0];
    expect(resource?.path).toBe('samvad-campaign-12-data.json');
    expect(resource?.schema.fields.map((f) => f.name)).toEqual(['timestamp', 'row_id', 'contact_id', 'session_id', 'question_id', 'response', 'response_metadata']);
    expect(resource?.schema.fields).toBe(FLOIP_FIELDS);
    expect(resource?.schema.questions).toEqual({
      received: { type: 'select_one', label: 'Did the money reach your account?', type_options: { choices: ['yes', 'no'] } },
      quality: { type: 'numeric', label: 'How was the ration quality?', type_options: { range: [1, 5] } },
      shop: { type: 'select_one', label: 'Was the shop open?', type_options: { choices: ['open', 'closed'] } },
      kg: { type: 'numeric', label: 'kg', type_options: { range: [0, 100] } },
      comment: { type: 'audio', label: 'comment', type_options: {} },
    });
    expect(JSON.parse(descriptorJson)).toEqual(JSON.parse(JSON.stringify(descriptor)));
  });

  it('writes one row per answer, in time order, yes/no as the choices', () => {
    const first = answer(1, 'received', true, '2026-03-02T05:00:00Z', 'c-1');
    const second = answer(4, 'kg', 35, '2026-03-02T04:00:00Z', 'c-4');
    const { rows, dataJson } = floipPackage({ ...input, answers: [first, second, answer(9, 'unknown_question', 1)] });
    expect(rows).toEqual([
      ['2026-03-02 09:30:00.000+05:30', String(second.responseId), '4', 'c-4', 'kg', 35, { stratum: 'district=402' }],
      ['2026-03-02 10:30:00.000+05:30', String(first.responseId), '1', 'c-1', 'received', 'yes', { stratum: 'district=401' }],
    ]);
    expect(JSON.parse(dataJson)).toEqual(rows);
  });

  it('formats timestamps in India time and refuses bad package names', () => {
    expect(floipTimestamp(new Date('2026-03-02T20:15:01.5Z'))).toBe('2026-03-03 01:45:01.500+05:30');
    expect(() => floipPackage({ ...input, name: 'Bad Name', answers: [] })).toThrow(RangeError);
  });
});
