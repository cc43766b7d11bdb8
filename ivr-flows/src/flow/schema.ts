import { z } from 'zod';

/**
 * The flow file format, version 1. A flow is a map of nodes; each names the node that follows.
 * Texts are Handlebars templates per language, rendered with the call's variables. The JSON
 * Schema published beside the package (`flow.schema.json`) is generated from these schemas.
 */

export const FLOW_LANGUAGES = ['hi', 'cg', 'en', 'hlb', 'gon'] as const;
export const ZLanguage = z.enum(FLOW_LANGUAGES);

const ZNodeId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a node id is a letter, then letters, digits, _ or -');
const ZKey = z.string().regex(/^[0-9*#]$/, 'a key is 0-9, * or #');
const ZMs = z.number().int().min(500).max(60_000);
const ZTemplate = z.string().max(2000);

/** A prompt: per-language text (templates) and recorded files; at least one of either. */
export const ZPrompt = z
  .object({
    hi: ZTemplate.optional(),
    cg: ZTemplate.optional(),
    en: ZTemplate.optional(),
    hlb: ZTemplate.optional(),
    gon: ZTemplate.optional(),
    files: z.partialRecord(ZLanguage, z.string().min(1)).optional(),
  })
  .strict()
  .describe('what the caller hears: Handlebars text per language, and recorded files per language');

const retries = {
  retries: z.number().int().min(0).max(5).default(2).describe('how many times the question is asked again after a wrong key or silence'),
  invalidPrompt: ZPrompt.optional().describe('said after a wrong key, before asking again'),
  timeoutPrompt: ZPrompt.optional().describe('said after silence, before asking again'),
  fallback: ZNodeId.describe('where the caller goes when the retries are used up'),
};

export const ZSay = z
  .object({ type: z.enum(['say', 'play']), prompt: ZPrompt, interruptible: z.boolean().default(false), next: ZNodeId })
  .strict()
  .describe('says a prompt, then goes on');

export const ZMenu = z
  .object({
    type: z.literal('menu'),
    prompt: ZPrompt,
    choices: z.record(ZKey, ZNodeId).refine((c) => Object.keys(c).length > 0, 'a menu needs at least one choice'),
    timeoutMs: ZMs.default(6000),
    ...retries,
  })
  .strict()
  .describe('one key chooses the next node');

export const ZValidator = z.union([
  z.enum(['applicationNumber', 'docketNumber', 'mobile']),
  z.object({ pattern: z.string().min(1) }).strict(),
]);

export const ZCollect = z
  .object({
    type: z.literal('collect'),
    prompt: ZPrompt,
    assign: z.string().min(1).describe('variable that receives the digits'),
    minDigits: z.number().int().min(1).max(32).default(1),
    maxDigits: z.number().int().min(1).max(32),
    terminator: z.enum(['#']).nullable().default('#'),
    timeoutMs: ZMs.default(8000),
    validator: ZValidator.optional(),
    next: ZNodeId,
    ...retries,
  })
  .strict()
  .describe('digits (a number) into a variable, checked by a validator');

const ZArg = z.union([ZTemplate, z.number(), z.boolean(), z.null()]);

export const ZLookup = z
  .object({
    type: z.literal('lookup'),
    name: z.enum(['applicationStatus', 'grievanceStatus', 'householdByCaller', 'schemeInfo', 'registerVoiceGrievance', 'requestCallback', 'saveSurveyAnswer']),
    args: z.record(z.string(), ZArg).default({}).describe('string values are templates'),
    assign: z.string().min(1).optional(),
    next: ZNodeId,
    onNotFound: ZNodeId.optional().describe('when the answer is empty (null or an empty list)'),
    onError: ZNodeId.optional(),
  })
  .strict()
  .describe('asks the server; the answer goes into a variable');

/** Conditions over variables (dotted paths), and whether a working-hours calendar is open now. */
export type TCondition =
  | { var: string; equals?: unknown; notEquals?: unknown; in?: unknown[]; exists?: boolean; gt?: number; lt?: number }
  | { all: TCondition[] }
  | { any: TCondition[] }
  | { not: TCondition }
  | { openNow: string };

const ZScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ZCondition: z.ZodType<TCondition> = z.lazy(() =>
  z.union([
    z
      .object({
        var: z.string().min(1),
        equals: ZScalar.optional(),
        notEquals: ZScalar.optional(),
        in: z.array(ZScalar).optional(),
        exists: z.boolean().optional(),
        gt: z.number().optional(),
        lt: z.number().optional(),
      })
      .strict(),
    z.object({ all: z.array(ZCondition).min(1) }).strict(),
    z.object({ any: z.array(ZCondition).min(1) }).strict(),
    z.object({ not: ZCondition }).strict(),
    z.object({ openNow: z.string().min(1) }).strict(),
  ]),
);

export const ZBranch = z
  .object({ type: z.literal('branch'), cases: z.array(z.object({ when: ZCondition, next: ZNodeId }).strict()).default([]), otherwise: ZNodeId })
  .strict()
  .describe('the first case whose condition holds chooses the next node');

export const ZLanguageNode = z
  .object({
    type: z.literal('language'),
    /** set the language from a template (e.g. a known caller's preference) … */
    set: ZTemplate.optional(),
    /** … or ask: key → language */
    prompt: ZPrompt.optional(),
    choices: z.record(ZKey, ZLanguage).optional(),
    timeoutMs: ZMs.default(6000),
    retries: z.number().int().min(0).max(5).default(2),
    next: ZNodeId,
  })
  .strict()
  .refine((n) => (n.set !== undefined) !== (n.choices !== undefined), 'a language node either sets a language or offers choices')
  .refine((n) => n.choices === undefined || n.prompt !== undefined, 'a language menu needs a prompt')
  .describe("sets the call's language, or asks for it; silence keeps the current one");

export const ZSet = z
  .object({ type: z.literal('set'), values: z.record(z.string().min(1), ZArg), next: ZNodeId })
  .strict()
  .describe('assigns variables (string values are templates)');

export const ZRecord = z
  .object({
    type: z.literal('record'),
    prompt: ZPrompt,
    assign: z.string().min(1),
    maxSeconds: z.number().int().min(1).max(600).default(120),
    endKey: z.enum(['#', '*']).default('#'),
    beep: z.boolean().default(true),
    next: ZNodeId,
    onEmpty: ZNodeId.optional().describe('when nothing was recorded (0 s or a failure)'),
  })
  .strict()
  .describe("records the caller's voice message");

export const ZEnqueue = z
  .object({
    type: z.literal('enqueue'),
    queue: ZTemplate,
    skills: z.array(ZTemplate).default([]),
    priority: z.number().int().min(0).max(9).default(0),
    announce: ZPrompt.optional().describe('rendered with position and expectedWaitSec (and expectedWaitMin)'),
    next: ZNodeId.optional().describe('what the caller hears while waiting (a call-back offer); absent: they wait'),
  })
  .strict()
  .describe('hands the call to a queue and announces the place and wait');

export const ZCallback = z
  .object({
    type: z.literal('callback'),
    prompt: ZPrompt,
    key: ZKey.default('1'),
    timeoutMs: ZMs.default(6000),
    queue: ZTemplate,
    confirm: ZPrompt,
    failedPrompt: ZPrompt.optional().describe('said when the call-back could not be registered; the call then goes on as after a decline'),
    next: ZNodeId.optional().describe('after a decline; absent: the caller keeps waiting in the queue'),
  })
  .strict()
  .describe('offers a call-back that keeps the caller’s place; accepted: confirms and hangs up');

export const ZTransfer = z.object({ type: z.literal('transfer'), prompt: ZPrompt.optional(), to: ZTemplate }).strict().describe('sends the call to another number');

export const ZHangup = z.object({ type: z.literal('hangup'), prompt: ZPrompt.optional() }).strict().describe('says goodbye (optionally) and ends the call');

const ZSurveyNode = z
  .object({
    type: z.literal('survey'),
    definition: z.string().min(1).default('survey').describe('the variable holding the survey definition'),
    retries: z.number().int().min(0).max(5).default(1),
    timeoutMs: ZMs.default(7000),
    invalidPrompt: ZPrompt,
    next: ZNodeId,
  })
  .strict()
  .describe('asks every question of a survey definition, saving each answer as it is given');

export const ZNode = z.union([ZSay, ZMenu, ZCollect, ZLookup, ZBranch, ZLanguageNode, ZSet, ZRecord, ZEnqueue, ZCallback, ZTransfer, ZHangup, ZSurveyNode]);

/** each node type's own schema, so a broken node is explained in its own terms (a union only says "invalid") */
export const NODE_SCHEMAS: Record<string, z.ZodType> = {
  say: ZSay,
  play: ZSay,
  menu: ZMenu,
  collect: ZCollect,
  lookup: ZLookup,
  branch: ZBranch,
  language: ZLanguageNode,
  set: ZSet,
  record: ZRecord,
  enqueue: ZEnqueue,
  callback: ZCallback,
  transfer: ZTransfer,
  hangup: ZHangup,
  survey: ZSurveyNode,
};

const ZInterval = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'an interval is HH:MM-HH:MM');
const ZDay = z.array(ZInterval).optional();
export const ZCalendar = z
  .object({
    weekly: z.object({ mon: ZDay, tue: ZDay, wed: ZDay, thu: ZDay, fri: ZDay, sat: ZDay, sun: ZDay }).strict(),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  })
  .strict()
  .describe('working hours in Asia/Kolkata');

export const ZFlow = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
    version: z.string().min(1).max(40),
    description: z.string().optional(),
    languages: z.array(ZLanguage).min(1),
    defaultLanguage: ZLanguage,
    start: ZNodeId,
    maxSteps: z.number().int().min(10).max(10_000).default(200),
    onError: ZNodeId.optional().describe('where a call goes when a prompt cannot be rendered or a lookup fails without its own onError'),
    calendars: z.record(z.string(), ZCalendar).default({}),
    nodes: z.record(ZNodeId, ZNode),
  })
  .strict();

export type TFlow = z.output<typeof ZFlow>;
export type TFlowInput = z.input<typeof ZFlow>;
export type TNode = z.output<typeof ZNode>;
export type TPrompt = z.output<typeof ZPrompt>;
export type TCalendar = z.output<typeof ZCalendar>;
export type TNodeOf<T extends TNode['type']> = Extract<TNode, { type: T }>;
