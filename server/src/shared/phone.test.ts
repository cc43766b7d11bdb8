import { describe, expect, it } from 'vitest';
import { maskPhone, toE164, ZPhone } from './phone.js';

describe('phone normalisation', () => {
  it.each([
    ['09876543210', '+919876543210'],
    ['+91 98765 43210', '+919876543210'],
    ['98765-43210', '+919876543210'],
    ['9876543210', '+919876543210'],
    ['+919876543210', '+919876543210'],
    ['0091 98765 43210', '+919876543210'],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(['garbage', '12345', '', '+1 202 555 01', '98765432101234'])('rejects %j', (input) => {
    expect(toE164(input)).toBeNull();
    expect(ZPhone.safeParse(input).success).toBe(false);
  });

  it('masks all but the country code and the last four digits', () => {
    expect(maskPhone('+919876543210')).toBe('+91******3210');
    expect(maskPhone(null)).toBeNull();
  });
});
