import type Handlebars from 'handlebars';
import { dateHelper } from './date.js';
import { digitsHelper } from './digits.js';
import { langHelper } from './lang.js';
import { numberHelper } from './number.js';
import { rupeesHelper } from './rupees.js';
import { statusHelper } from './status.js';

export { PromptHelperError } from './context.js';

/** Every speaking helper, by the name templates call it with; render.ts registers them all. */
export const promptHelpers: Readonly<Record<string, Handlebars.HelperDelegate>> = {
  digits: digitsHelper,
  number: numberHelper,
  date: dateHelper,
  rupees: rupeesHelper,
  lang: langHelper,
  status: statusHelper,
};
