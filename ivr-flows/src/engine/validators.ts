import type { z } from 'zod';
import type { ZValidator } from '../flow/schema.js';

/**
 * Checks on keyed digits. Applications have 12-digit numbers; a docket written CG-2026-000123
 * is keyed as its year and number, 2026000123; mobiles are ten digits starting 6-9.
 */
const NAMED: Record<'applicationNumber' | 'docketNumber' | 'mobile', RegExp> = {
  applicationNumber: /^\d{12}$/,
  docketNumber: /^20\d{2}\d{6}$/,
  mobile: /^[6-9]\d{9}$/,
};

export function isValidInput(validator: z.output<typeof ZValidator> | undefined, digits: string): boolean {
  if (validator === undefined) return true;
  if (typeof validator === 'string') return NAMED[validator].test(digits);
  return new RegExp(`^(?:${validator.pattern})$`).test(digits);
}
