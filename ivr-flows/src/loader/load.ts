import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SPEECH_LANGUAGES } from '../engine/contract.js';
import { NODE_SCHEMAS, ZFlow, type TCondition, type TFlow, type TNode, type TPrompt } from '../flow/schema.js';
import { checkTemplate } from '../prompts/render.js';

export interface TFlowProblem {
  file: string;
  /** the node at fault; null for the flow as a whole */
  nodeId: string | null;
  problem: string;
}

export type TLoadResult = { ok: true; flow: TFlow; warnings: string[] } | { ok: false; error: TFlowProblem };

/** `helpline.yaml: node "app_status": next "app_sttaus" is not a node` */
export function describeProblem(p: TFlowProblem): string {
  return `${p.file}: ${p.nodeId === null ? '' : `node "${p.nodeId}": `}${p.problem}`;
}

/** Reads a flow file (YAML or JSON) and checks it completely; a broken flow names file, node and problem. */
export async function loadFlowFile(path: string): Promise<TLoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, error: { file: basename(path), nodeId: null, problem: `cannot be read: ${error instanceof Error ? error.message : String(error)}` } };
  }
  return loadFlow(text, basename(path));
}

export function loadFlow(text: string, file: string): TLoadResult {
  const fail = (nodeId: string | null, problem: string): TLoadResult => ({ ok: false, error: { file, nodeId, problem } });
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return fail(null, `is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const parsed = ZFlow.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const nodeId = path[0] === 'nodes' && typeof path[1] === 'string' ? path[1] : null;
    if (nodeId !== null && path.length === 2) return fail(nodeId, explainNode(readNode(raw, nodeId)));
    const where = (nodeId === null ? path : path.slice(2)).map(String).join('.');
    return fail(nodeId, `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  const flow = parsed.data;
  const problem = checkFlow(flow);
  if (problem) return fail(problem.nodeId, problem.problem);
  return { ok: true, flow, warnings: unreachable(flow).map((id) => `${file}: node "${id}" cannot be reached from "${flow.start}"`) };
}

function readNode(raw: unknown, nodeId: string): unknown {
  if (typeof raw !== 'object' || raw === null || !('nodes' in raw)) return undefined;
  const nodes = raw.nodes;
  return typeof nodes === 'object' && nodes !== null ? Object.entries(nodes).find(([id]) => id === nodeId)?.[1] : undefined;
}

/** a node that matched no type, explained against the schema its `type` names */
function explainNode(node: unknown): string {
  const type = typeof node === 'object' && node !== null && 'type' in node ? node.type : undefined;
  const schema = typeof type === 'string' ? NODE_SCHEMAS[type] : undefined;
  if (!schema) return `type: must be one of ${Object.keys(NODE_SCHEMAS).join(', ')}`;
  const issue = schema.safeParse(node).error?.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'node'}: ${issue.message}` : 'invalid';
}

/** the nodes a node leads to */
export function targets(node: TNode): string[] {
  const out: (string | undefined)[] = [];
  switch (node.type) {
    case 'menu':
      out.push(...Object.values(node.choices), node.fallback);
      break;
    case 'collect':
      out.push(node.next, node.fallback);
      break;
    case 'lookup':
      out.push(node.next, node.onNotFound, node.onError);
      break;
    case 'branch':
      out.push(...node.cases.map((c) => c.next), node.otherwise);
      break;
    case 'record':
      out.push(node.next, node.onEmpty);
      break;
    case 'enqueue':
    case 'callback':
      out.push(node.next);
      break;
    case 'transfer':
    case 'hangup':
      break;
    default:
      out.push(node.next);
  }
  return out.filter((t): t is string => t !== undefined);
}

function prompts(node: TNode): [string, TPrompt][] {
  const out: [string, TPrompt | undefined][] = [];
  switch (node.type) {
    case 'say':
    case 'play':
      out.push(['prompt', node.prompt]);
      break;
    case 'menu':
    case 'collect':
      out.push(['prompt', node.prompt], ['invalidPrompt', node.invalidPrompt], ['timeoutPrompt', node.timeoutPrompt]);
      break;
    case 'language':
    case 'record':
    case 'transfer':
    case 'hangup':
      out.push(['prompt', node.prompt]);
      break;
    case 'enqueue':
      out.push(['announce', node.announce]);
      break;
    case 'callback':
      out.push(['prompt', node.prompt], ['confirm', node.confirm], ['failedPrompt', node.failedPrompt]);
      break;
    case 'survey':
      out.push(['invalidPrompt', node.invalidPrompt]);
      break;
    default:
      break;
  }
  return out.filter((p): p is [string, TPrompt] => p[1] !== undefined);
}

/** template fields that are not prompts */
function templates(node: TNode): [string, string][] {
  switch (node.type) {
    case 'lookup':
      return Object.entries(node.args).flatMap(([k, v]) => (typeof v === 'string' ? [[`args.${k}`, v] as [string, string]] : []));
    case 'set':
      return Object.entries(node.values).flatMap(([k, v]) => (typeof v === 'string' ? [[`values.${k}`, v] as [string, string]] : []));
    case 'enqueue':
      return [['queue', node.queue], ...node.skills.map((s, i): [string, string] => [`skills.${i}`, s])];
    case 'callback':
      return [['queue', node.queue]];
    case 'transfer':
      return [['to', node.to]];
    case 'language':
      return node.set === undefined ? [] : [['set', node.set]];
    default:
      return [];
  }
}

function calendarsIn(condition: TCondition): string[] {
  if ('all' in condition) return condition.all.flatMap(calendarsIn);
  if ('any' in condition) return condition.any.flatMap(calendarsIn);
  if ('not' in condition) return calendarsIn(condition.not);
  if ('openNow' in condition) return [condition.openNow];
  return [];
}

function checkFlow(flow: TFlow): { nodeId: string | null; problem: string } | null {
  if (!flow.languages.includes(flow.defaultLanguage)) return { nodeId: null, problem: `defaultLanguage "${flow.defaultLanguage}" is not one of languages` };
  if (!flow.nodes[flow.start]) return { nodeId: null, problem: `start "${flow.start}" is not a node` };
  if (flow.onError && !flow.nodes[flow.onError]) return { nodeId: null, problem: `onError "${flow.onError}" is not a node` };
  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const target of targets(node)) {
      if (!flow.nodes[target]) return { nodeId: id, problem: `leads to "${target}", which is not a node` };
    }
    if (node.type === 'branch') {
      for (const name of node.cases.flatMap((c) => calendarsIn(c.when))) {
        if (!flow.calendars[name]) return { nodeId: id, problem: `openNow names calendar "${name}", which is not defined` };
      }
    }
    if (node.type === 'language' && node.choices) {
      for (const language of Object.values(node.choices)) {
        if (!flow.languages.includes(language)) return { nodeId: id, problem: `offers language "${language}", which the flow does not speak` };
      }
    }
    for (const [field, template] of templates(node)) {
      const broken = checkTemplate(template);
      if (broken) return { nodeId: id, problem: `${field}: ${broken}` };
    }
    for (const [field, prompt] of prompts(node)) {
      for (const language of flow.languages) {
        const text = prompt[language];
        const file = prompt.files?.[language];
        if (text !== undefined) {
          const broken = checkTemplate(text);
          if (broken) return { nodeId: id, problem: `${field}.${language}: ${broken}` };
          if (!SPEECH_LANGUAGES.includes(language) && !file) return { nodeId: id, problem: `${field}: ${language} has no speech synthesis, so it needs a recorded file (files.${language})` };
        } else if (!file) {
          return { nodeId: id, problem: `${field}: no text and no recorded file for ${language}` };
        }
      }
    }
  }
  return null;
}

function unreachable(flow: TFlow): string[] {
  const seen = new Set<string>();
  const queue = [flow.start, ...(flow.onError ? [flow.onError] : [])];
  while (queue.length > 0) {
    const id = queue.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const node = flow.nodes[id];
    if (node) queue.push(...targets(node));
  }
  return Object.keys(flow.nodes).filter((id) => !seen.has(id));
}
