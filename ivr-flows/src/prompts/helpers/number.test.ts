import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../render.js';
import { numberInWords } from './number.js';

describe('{{number}}', () => {
  it('says 2,500 in each language', () => {
    expect(renderPrompt('{{number n}}', 'hi', { n: 2500 })).toBe('दो हज़ार पाँच सौ');
    expect(renderPrompt('{{number n}}', 'cg', { n: 2500 })).toBe('दो हज़ार पाँच सौ');
    expect(renderPrompt('{{number n}}', 'en', { n: 2500 })).toBe('two thousand five hundred');
    expect(renderPrompt('{{number n}}', 'hlb', { n: 2500 })).toBe('दो हज़ार पाँच सौ');
  });

  it('says zero', () => {
    expect(renderPrompt('{{number n}}', 'hi', { n: 0 })).toBe('शून्य');
    expect(renderPrompt('{{number n}}', 'cg', { n: 0 })).toBe('शून्य');
    expect(renderPrompt('{{number n}}', 'en', { n: 0 })).toBe('zero');
  });

  it('has a word for every Hindi number under a hundred', () => {
    expect(numberInWords(1, 'hi')).toBe('एक');
    expect(numberInWords(19, 'hi')).toBe('उन्नीस');
    expect(numberInWords(45, 'hi')).toBe('पैंतालीस');
    expect(numberInWords(79, 'hi')).toBe('उन्यासी');
    expect(numberInWords(99, 'hi')).toBe('निन्यानवे');
    const words = new Set(Array.from({ length: 100 }, (_, n) => numberInWords(n, 'hi')));
    expect(words.size).toBe(100);
  });

  it('counts in hundreds, thousands, lakhs and crores', () => {
    expect(numberInWords(100, 'hi')).toBe('एक सौ');
    expect(numberInWords(105, 'hi')).toBe('एक सौ पाँच');
    expect(numberInWords(1500, 'hi')).toBe('एक हज़ार पाँच सौ');
    expect(numberInWords(100000, 'hi')).toBe('एक लाख');
    expect(numberInWords(125000, 'hi')).toBe('एक लाख पच्चीस हज़ार');
    expect(numberInWords(10000000, 'hi')).toBe('एक करोड़');
    expect(numberInWords(123456789, 'hi')).toBe('बारह करोड़ चौंतीस लाख छप्पन हज़ार सात सौ नवासी');
    expect(numberInWords(1000000000, 'hi')).toBe('एक सौ करोड़');
    expect(numberInWords(Number.MAX_SAFE_INTEGER, 'hi')).toMatch(/करोड़ .* करोड़/);
  });

  it('counts in English the Indian way, with "and" before the last part', () => {
    expect(numberInWords(7, 'en')).toBe('seven');
    expect(numberInWords(21, 'en')).toBe('twenty-one');
    expect(numberInWords(105, 'en')).toBe('one hundred and five');
    expect(numberInWords(2012, 'en')).toBe('two thousand and twelve');
    expect(numberInWords(125000, 'en')).toBe('one lakh twenty-five thousand');
    expect(numberInWords(12345678, 'en')).toBe('one crore twenty-three lakh forty-five thousand six hundred and seventy-eight');
    expect(numberInWords(1000000000, 'en')).toBe('one hundred crore');
  });

  it('takes digit strings, with or without commas', () => {
    expect(renderPrompt('{{number n}}', 'hi', { n: '2500' })).toBe('दो हज़ार पाँच सौ');
    expect(renderPrompt('{{number n}}', 'en', { n: '1,25,000' })).toBe('one lakh twenty-five thousand');
    expect(renderPrompt('{{number n}}', 'en', { n: '125,000' })).toBe('one lakh twenty-five thousand');
  });

  it('stops the render on anything that is not a whole number of 0 or more', () => {
    expect(() => renderPrompt('{{number n}}', 'hi', {})).toThrow('{{number}} (line 1, column 1): expected a number as a whole number of 0 or more, got undefined (is the variable set?)');
    expect(() => renderPrompt('{{number n}}', 'hi', { n: '' })).toThrow('got ""');
    expect(() => renderPrompt('{{number n}}', 'en', { n: -1 })).toThrow('got -1');
    expect(() => renderPrompt('{{number n}}', 'en', { n: 2.5 })).toThrow('got 2.5');
    expect(() => renderPrompt('{{number n}}', 'en', { n: '12abc' })).toThrow('got "12abc"');
    expect(() => renderPrompt('{{number n}}', 'en', { n: '1,2,3' })).toThrow('got "1,2,3"');
    expect(() => renderPrompt('{{number n}}', 'en', { n: 2 ** 60 })).toThrow('whole number');
    expect(() => renderPrompt('{{number n}}', 'cg', { n: true })).toThrow('got true');
  });
});
