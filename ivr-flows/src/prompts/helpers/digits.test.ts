import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../render.js';
import { groupSizes, spellOut } from './digits.js';

describe('{{digits}}', () => {
  it('reads an application number in groups of four', () => {
    const variables = { no: '451236789012' };
    expect(renderPrompt('क्रमांक {{digits no}}', 'hi', variables)).toBe('क्रमांक 4 5 1 2, 3 6 7 8, 9 0 1 2');
    expect(renderPrompt('क्रमांक {{digits no}}', 'cg', variables)).toBe('क्रमांक 4 5 1 2, 3 6 7 8, 9 0 1 2');
    expect(renderPrompt('number {{digits no}}', 'en', variables)).toBe('number 4 5 1 2, 3 6 7 8, 9 0 1 2');
  });

  it('spells the letters of a docket and pauses at its dashes', () => {
    const variables = { docket: 'CG-2026-000123' };
    expect(renderPrompt('{{digits docket}}', 'hi', variables)).toBe('सी जी, 2 0 2 6, 0 0 0, 1 2 3');
    expect(renderPrompt('{{digits docket}}', 'cg', variables)).toBe('सी जी, 2 0 2 6, 0 0 0, 1 2 3');
    expect(renderPrompt('{{digits docket}}', 'en', variables)).toBe('C G, 2 0 2 6, 0 0 0, 1 2 3');
    // Halbi and Gondi prompts use the Hindi letter names
    expect(renderPrompt('{{digits docket}}', 'gon', variables)).toBe('सी जी, 2 0 2 6, 0 0 0, 1 2 3');
  });

  it('reads letters next to digits, lower case and every Latin letter', () => {
    expect(spellOut('ab12', 'hi')).toBe('ए बी, 1 2');
    expect(spellOut('ab12', 'en')).toBe('A B, 1 2');
    expect(spellOut('QWXZ', 'hi')).toBe('क्यू डब्ल्यू एक्स ज़ेड');
  });

  it('reads mobile numbers 5 + 5, with a leading plus', () => {
    expect(renderPrompt('{{digits m}}', 'hi', { m: '9876543210' })).toBe('9 8 7 6 5, 4 3 2 1 0');
    expect(renderPrompt('{{digits m}}', 'en', { m: '+91 98765 43210' })).toBe('plus, 9 1, 9 8 7 6 5, 4 3 2 1 0');
    expect(renderPrompt('{{digits m}}', 'cg', { m: '+919876543210' })).toBe('प्लस, 9 1, 9 8 7 6 5, 4 3 2 1 0');
    expect(renderPrompt('{{digits m}}', 'hi', { m: '+14155550100' })).toBe('प्लस, 1 4 1 5, 5 5 5 0, 1 0 0');
  });

  it('takes numbers and a group size', () => {
    expect(renderPrompt('{{digits n}}', 'hi', { n: 4512 })).toBe('4 5 1 2');
    expect(renderPrompt('{{digits n}}', 'en', { n: 0 })).toBe('0');
    expect(renderPrompt('{{digits n group=3}}', 'en', { n: '1234567' })).toBe('1 2 3, 4 5 6, 7');
    expect(renderPrompt('{{digits n group=5}}', 'cg', { n: 4512367890 })).toBe('4 5 1 2 3, 6 7 8 9 0');
    expect(renderPrompt('{{digits n group="2"}}', 'en', { n: '1234' })).toBe('1 2, 3 4');
  });

  it('splits long runs evenly, larger groups first', () => {
    expect(groupSizes(4)).toEqual([4]);
    expect(groupSizes(5)).toEqual([5]);
    expect(groupSizes(6)).toEqual([3, 3]);
    expect(groupSizes(7)).toEqual([4, 3]);
    expect(groupSizes(9)).toEqual([3, 3, 3]);
    expect(groupSizes(10)).toEqual([5, 5]);
    expect(groupSizes(11)).toEqual([4, 4, 3]);
    expect(groupSizes(12)).toEqual([4, 4, 4]);
    expect(groupSizes(10, 4)).toEqual([4, 4, 2]);
  });

  it('stops the render on anything it cannot read', () => {
    expect(() => renderPrompt('{{digits x}}', 'hi', {})).toThrow('{{digits}} (line 1, column 1): expected a number or a string of digits, got undefined (is the variable set?)');
    expect(() => renderPrompt('{{digits x}}', 'hi', { x: null })).toThrow('got null');
    expect(() => renderPrompt('{{digits x}}', 'en', { x: '' })).toThrow('nothing to spell in ""');
    expect(() => renderPrompt('{{digits x}}', 'en', { x: ' - ' })).toThrow('nothing to spell');
    expect(() => renderPrompt('{{digits x}}', 'en', { x: -5 })).toThrow('expected a whole number of 0 or more, got -5');
    expect(() => renderPrompt('{{digits x}}', 'en', { x: 1.5 })).toThrow('got 1.5');
    expect(() => renderPrompt('{{digits x}}', 'en', { x: '12$3' })).toThrow('cannot spell "$"');
    expect(() => renderPrompt('{{digits x}}', 'hi', { x: '१२३' })).toThrow('cannot spell "१"');
    expect(() => renderPrompt('{{digits x}}', 'en', { x: [1, 2] })).toThrow('got a list');
    expect(() => renderPrompt('{{digits x group=0}}', 'en', { x: '12' })).toThrow('group= must be a whole number from 1 to 12, got 0');
    expect(() => renderPrompt('{{digits x grup=2}}', 'en', { x: '12' })).toThrow('unknown option grup=');
    expect(() => renderPrompt('{{digits}}', 'en', {})).toThrow('{{digits}} (line 1, column 1) takes 1 argument, got 0');
    expect(() => renderPrompt('{{digits a b}}', 'en', { a: 1, b: 2 })).toThrow('takes 1 argument, got 2');
  });
});
