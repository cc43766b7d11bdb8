import { describe, expect, it } from 'vitest';
import { exclusionRules, screenRow } from './exclusions.js';
import { AS_OF, row } from './testing.js';

describe('screenRow', () => {
  const rules = exclusionRules(AS_OF, 90, [77]);

  it('passes a callable row with its number in E.164', () => {
    expect(screenRow(row(1, { mobile: '098765 43210' }), rules)).toEqual({ phone: '+919876543210' });
  });

  it('leaves out DND, no consent, and rows without a valid Indian mobile', () => {
    expect(screenRow(row(1, { dnd: true }), rules)).toEqual({ excluded: 'dnd' });
    expect(screenRow(row(1, { consent: false }), rules)).toEqual({ excluded: 'no_consent' });
    expect(screenRow(row(1, { mobile: null }), rules)).toEqual({ excluded: 'invalid_mobile' });
    expect(screenRow(row(1, { mobile: '+911123456789' }), rules)).toEqual({ excluded: 'invalid_mobile' });
  });

  it('leaves out rows contacted within the window, and keeps those contacted just before it', () => {
    const edge = new Date(AS_OF.getTime() - 90 * 86_400_000);
    expect(screenRow(row(1, { lastContactedAt: edge }), rules)).toEqual({ excluded: 'recently_contacted' });
    expect(screenRow(row(1, { lastContactedAt: new Date(edge.getTime() - 1) }), rules)).toHaveProperty('phone');
    expect(screenRow(row(1, { lastContactedAt: edge }), exclusionRules(AS_OF, 30))).toHaveProperty('phone');
  });

  it('leaves out households already in the campaign', () => {
    expect(screenRow(row(1, { householdId: 77 }), rules)).toEqual({ excluded: 'household_in_campaign' });
  });

  it('counts a row once, under the first rule it fails', () => {
    expect(screenRow(row(1, { dnd: true, consent: false, mobile: null }), rules)).toEqual({ excluded: 'dnd' });
  });
});
