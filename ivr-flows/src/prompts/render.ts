import Handlebars from 'handlebars';
import type { TFlowLanguage, TVarValue } from '../engine/contract.js';
import { promptHelpers } from './helpers/index.js';

export { PromptHelperError } from './helpers/index.js';

/**
 * Prompts are Handlebars templates rendered per language. One isolated Handlebars environment
 * holds Samvad's speaking helpers (numbers digit by digit, dates, rupee amounts), so flows
 * cannot register helpers of their own. Templates are compiled once and cached by text.
 */
const handlebars = Handlebars.create();
// Registered here rather than by the helper modules themselves, so no import cycle can leave a
// template rendering before its helpers exist.
handlebars.registerHelper(promptHelpers);

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function compile(template: string): Handlebars.TemplateDelegate {
  let render = compiled.get(template);
  if (!render) {
    // noEscape: prompts are spoken, not HTML; strict: a misspelt variable fails loudly
    render = handlebars.compile(template, { noEscape: true, strict: true });
    compiled.set(template, render);
  }
  return render;
}

/** Renders a prompt for a language; `language` is visible to helpers as `@root.language`. */
export function renderPrompt(template: string, language: TFlowLanguage, variables: Record<string, TVarValue>): string {
  return compile(template)({ ...variables, language }).replace(/\s+/g, ' ').trim();
}

/** Parses a template without rendering it: the error text for a broken one, null when it is sound. */
export function checkTemplate(template: string): string | null {
  try {
    handlebars.precompile(template, { noEscape: true, strict: true });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] ?? 'invalid template' : 'invalid template';
  }
}

/** For the prompt helpers module: registers a helper on Samvad's Handlebars environment. */
export function registerPromptHelper(name: string, helper: Handlebars.HelperDelegate): void {
  handlebars.registerHelper(name, helper);
}
