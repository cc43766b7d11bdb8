import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../render.js';
import { spokenRupees } from './rupees.js';

describe('{{rupees}}', () => {
  it('says ₹1,500 (150000 paise) in each language', () => {
    const variables = { amount: 150000 };
    expect(renderPrompt('{{rupees amount}}', 'hi', variables)).toBe('एक हज़ार पाँच सौ रुपये');
    expect(renderPrompt('{{rupees amount}}', 'cg', variables)).toBe('एक हज़ार पाँच सौ रुपिया');
    expect(renderPrompt('{{rupees amount}}', 'en', variables)).toBe('one thousand five hundred rupees');
    expect(renderPrompt('{{rupees amount}}', 'hlb', variables)).toBe('एक हज़ार पाँच सौ रुपये');
  });

  it('adds the paise when there are any', () => {
    expect(spokenRupees(150050, 'hi')).toBe('एक हज़ार पाँच सौ रुपये पचास पैसे');
    expect(spokenRupees(150050, 'cg')).toBe('एक हज़ार पाँच सौ रुपिया पचास पइसा');
    expect(spokenRupees(150050, 'en')).toBe('one thousand five hundred rupees and fifty paise');
    expect(spokenRupees('1050', 'en')).toBe('ten rupees and fifty paise');
  });

  it('says one rupee, one paisa, paise alone and zero', () => {
    expect(spokenRupees(100, 'hi')).toBe('एक रुपया');
    expect(spokenRupees(101, 'hi')).toBe('एक रुपया एक पैसा');
    expect(spokenRupees(100, 'en')).toBe('one rupee');
    expect(spokenRupees(1, 'en')).toBe('one paisa');
    expect(spokenRupees(75, 'hi')).toBe('पचहत्तर पैसे');
    expect(spokenRupees(75, 'cg')).toBe('पचहत्तर पइसा');
    expect(spokenRupees(75, 'en')).toBe('seventy-five paise');
    expect(renderPrompt('{{rupees a}}', 'hi', { a: 0 })).toBe('शून्य रुपये');
    expect(renderPrompt('{{rupees a}}', 'cg', { a: 0 })).toBe('शून्य रुपिया');
    expect(renderPrompt('{{rupees a}}', 'en', { a: 0 })).toBe('zero rupees');
  });

  it('says lakhs', () => {
    expect(spokenRupees(12500000, 'hi')).toBe('एक लाख पच्चीस हज़ार रुपये');
    expect(spokenRupees(12500000, 'en')).toBe('one lakh twenty-five thousand rupees');
  });

  it('stops the render on anything that is not a whole number of paise', () => {
    expect(() => renderPrompt('{{rupees a}}', 'hi', {})).toThrow('{{rupees}} (line 1, column 1): expected an amount in paise as a whole number of 0 or more, got undefined (is the variable set?)');
    expect(() => renderPrompt('{{rupees a}}', 'hi', { a: '' })).toThrow('got ""');
    expect(() => renderPrompt('{{rupees a}}', 'en', { a: 15.5 })).toThrow('got 15.5');
    expect(() => renderPrompt('{{rupees a}}', 'en', { a: -100 })).toThrow('got -100');
    expect(() => renderPrompt('{{rupees a}}', 'en', { a: '₹1,500' })).toThrow('got "₹1,500"');
  });
});
