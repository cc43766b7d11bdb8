import type { TCalendar, TCondition } from '../flow/schema.js';
import type { TVarValue } from './contract.js';
import { isOpen } from './calendar.js';

/** a dotted path into the variables: `caller.households.0.householdId` */
export function readVar(variables: Record<string, TVarValue>, path: string): TVarValue | undefined {
  let current: TVarValue | undefined = variables;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(part)] : current[part];
  }
  return current;
}

export interface TConditionContext {
  variables: Record<string, TVarValue>;
  calendars: Record<string, TCalendar>;
  /** the call's start, for working hours */
  at: string;
}

export function holds(condition: TCondition, ctx: TConditionContext): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, ctx));
  if ('any' in condition) return condition.any.some((c) => holds(c, ctx));
  if ('not' in condition) return !holds(condition.not, ctx);
  if ('openNow' in condition) {
    const calendar = ctx.calendars[condition.openNow];
    if (!calendar) throw new Error(`no calendar "${condition.openNow}"`);
    return isOpen(calendar, ctx.at);
  }
  const value = readVar(ctx.variables, condition.var);
  const present = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  if (condition.exists !== undefined && condition.exists !== present) return false;
  if (condition.equals !== undefined && value !== condition.equals) return false;
  if (condition.notEquals !== undefined && value === condition.notEquals) return false;
  if (condition.in !== undefined && !condition.in.includes(value)) return false;
  if (condition.gt !== undefined && !(typeof value === 'number' && value > condition.gt)) return false;
  if (condition.lt !== undefined && !(typeof value === 'number' && value < condition.lt)) return false;
  return true;
}
