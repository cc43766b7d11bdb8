import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * Normalises an Indian phone number as people type it ("09876543210", "+91 98765 43210",
 * "98765-43210") to E.164 ("+919876543210"). Returns null when it is not a valid number.
 */
export function toE164(input: string, defaultCountry: 'IN' = 'IN'): string | null {
  const phone = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!phone || !phone.isValid()) return null;
  return phone.number;
}

/** A zod field that accepts a phone number in any common form and yields E.164. */
export const ZPhone = z
  .string()
  .min(1)
  .max(32)
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid phone number' });
      return z.NEVER;
    }
    return e164;
  })
  .meta({ description: 'Phone number in any common Indian form; normalised to E.164', example: '+919876543210' });

/** "+919876543210" → "+91******3210": enough for a caller to confirm, not enough to dial. */
export function maskPhone(e164: string | null): string | null {
  if (!e164) return null;
  if (e164.length <= 7) return '*'.repeat(e164.length);
  return `${e164.slice(0, 3)}${'*'.repeat(e164.length - 7)}${e164.slice(-4)}`;
}
