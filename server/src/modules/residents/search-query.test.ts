import { describe, expect, it } from 'vitest';
import { classifySearch, likePrefix } from './search-query.js';

describe('classifySearch', () => {
  it('reads Latin and Devanagari names as prefixes', () => {
    expect(classifySearch('  Ramesh  Sa ')).toEqual({ kind: 'name_latin', prefix: 'ramesh sa' });
    expect(classifySearch('रमेश')).toEqual({ kind: 'name_devanagari', prefix: 'रमेश' });
  });

  it('reads 12 digits, with or without spaces, as a card or application number', () => {
    expect(classifySearch('2216 4012 3456')).toEqual({ kind: 'number12', digits: '221640123456' });
  });

  it('needs a birth year with Aadhaar last four', () => {
    expect(classifySearch('1234').kind).toBe('invalid');
    expect(classifySearch('1234', 1980)).toEqual({ kind: 'aadhaar_last4', last4: '1234', birthYear: 1980 });
    expect(classifySearch('1234 1980')).toEqual({ kind: 'aadhaar_last4', last4: '1234', birthYear: 1980 });
  });

  it.each(['r', '12345', 'Ram123', 'रमेश Sahu', '%%', ''])('refuses %j with a message', (q) => {
    const intent = classifySearch(q);
    expect(intent.kind).toBe('invalid');
    expect(intent.kind === 'invalid' && intent.message.length).toBeGreaterThan(10);
  });

  it('escapes LIKE wildcards', () => {
    expect(likePrefix("o'n_e%")).toBe("o'n\\_e\\%%");
  });
});
