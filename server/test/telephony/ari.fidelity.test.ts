import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RESOURCE_NAMES, resourceDeclaration, resourceList, type TDeclaration } from '../support/ari-server/description.js';
import { ARI_PASSWORD, ARI_USER, makeAriHarness } from '../support/ari-server/harness.js';
import { waitUntil } from '../support/ari-server/wait.js';
import { EventLog } from './contract.js';

/**
 * The test server against Asterisk 22's published ARI description (../shared/reference beside the
 * repository; read here by the test only, never by the product): the operations it implements have
 * Asterisk's paths, nicknames, parameters and error codes; every event and object it sent during a
 * run of calls has the fields Asterisk's models require, of the right types; every status it
 * answered with is one Asterisk documents for that operation.
 */

const REFERENCE = fileURLToPath(new URL('../../../../shared/reference/asterisk-ari-22/', import.meta.url));
const present = existsSync(`${REFERENCE}resources.json`);
const needs = present ? '' : ' — SKIPPED: ../shared/reference/asterisk-ari-22 is not beside the repository';

const ZRefParam = z.object({
  name: z.string(),
  paramType: z.string(),
  dataType: z.string(),
  required: z.boolean().optional(),
  allowMultiple: z.boolean().optional(),
  defaultValue: z.unknown().optional(),
  allowableValues: z.object({ values: z.array(z.string()).optional() }).optional(),
});
const ZRefOperation = z.object({
  httpMethod: z.string(),
  nickname: z.string(),
  responseClass: z.string(),
  parameters: z.array(ZRefParam).optional(),
  errorResponses: z.array(z.object({ code: z.coerce.number() })).optional(),
});
const ZRefModel = z.object({
  properties: z.record(z.string(), z.object({ type: z.string(), required: z.boolean().optional(), allowableValues: z.object({ values: z.array(z.string()).optional() }).optional() })),
});
type TRefModel = z.output<typeof ZRefModel>;
type TRefOperation = z.output<typeof ZRefOperation>;
const ZRefDeclaration = z.object({
  apis: z.array(z.object({ path: z.string(), operations: z.array(ZRefOperation) })),
  models: z.record(z.string(), ZRefModel),
});
const ZRefList = z.object({ apis: z.array(z.object({ path: z.string() })) });

const readJson = (file: string): unknown => JSON.parse(readFileSync(`${REFERENCE}${file}`, 'utf8'));
const reference = (name: string) => ZRefDeclaration.parse(readJson(`api-docs/${name}.json`));
const refPaths = () => ZRefList.parse(readJson('resources.json')).apis.map((a) => a.path);

function refModels(): Map<string, TRefModel> {
  const models = new Map<string, TRefModel>();
  for (const path of refPaths()) {
    const name = path.replace('/api-docs/', '').replace('.{format}', '');
    for (const [id, model] of Object.entries(reference(name).models)) models.set(id, model);
  }
  return models;
}

function refOperation(path: string, method: string): TRefOperation | undefined {
  for (const name of RESOURCE_NAMES) {
    const op = reference(name)
      .apis.find((a) => a.path === path)
      ?.operations.find((o) => o.httpMethod === method);
    if (op) return op;
  }
  return undefined;
}

/** An event's model with the fields of its bases (Message, Event), which Swagger 1.1 lists apart. */
function eventModel(type: string, models: Map<string, TRefModel>): TRefModel | undefined {
  const own = models.get(type);
  if (!own) return undefined;
  return { properties: { ...models.get('Message')?.properties, ...models.get('Event')?.properties, ...own.properties } };
}

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

/** Differences between a JSON value and a reference model, as readable lines. */
function conform(value: unknown, type: string | TRefModel, models: Map<string, TRefModel>, where: string, problems: string[]): void {
  if (typeof type !== 'string') return conformObject(value, type, where, models, problems);
  const list = /^List\[(.+)\]$/.exec(type);
  if (list?.[1]) {
    if (!Array.isArray(value)) return void problems.push(`${where}: not a list`);
    return value.forEach((item, i) => conform(item, list[1] ?? '', models, `${where}[${i}]`, problems));
  }
  const simple: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    int: Number.isInteger,
    long: Number.isInteger,
    double: (v) => typeof v === 'number',
    boolean: (v) => typeof v === 'boolean',
    object: (v) => typeof v === 'object' && v !== null,
    Date: (v) => typeof v === 'string' && DATE.test(v),
  };
  const check = simple[type];
  if (check) return void (check(value) || problems.push(`${where}: ${JSON.stringify(value)} is not a ${type}`));
  const model = models.get(type);
  if (!model) return void problems.push(`${where}: no reference model ${type}`);
  conformObject(value, model, `${where}`, models, problems, type);
}

function conformObject(value: unknown, model: TRefModel, where: string, models: Map<string, TRefModel>, problems: string[], type = where): void {
  if (typeof value !== 'object' || value === null) return void problems.push(`${where}: not an object`);
  const fields = Object.fromEntries(Object.entries(value));
  for (const [name, property] of Object.entries(model.properties)) {
    if (!(name in fields)) {
      if (property.required) problems.push(`${where}.${name}: required by Asterisk, missing`);
      continue;
    }
    const allowed = property.allowableValues?.values;
    if (allowed && !allowed.includes(String(fields[name]))) problems.push(`${where}.${name}: ${String(fields[name])} is not one of ${allowed.join('/')}`);
    conform(fields[name], property.type, models, `${where}.${name}`, problems);
  }
  for (const name of Object.keys(fields)) if (!(name in model.properties)) problems.push(`${where}.${name}: not in Asterisk's ${type}`);
}

describe('test server fidelity to Asterisk 22', () => {
  it.skipIf(!present)(`describes its operations with Asterisk's paths, nicknames, parameters and error codes${needs}`, () => {
    const problems: string[] = [];
    const paths = refPaths();
    for (const api of resourceList('http://x/ari').apis) if (!paths.includes(api.path)) problems.push(`resources.json: ${api.path} unknown to Asterisk`);
    for (const name of RESOURCE_NAMES) {
      const mine: TDeclaration | null = resourceDeclaration(name, 'http://x/ari');
      for (const api of mine?.apis ?? []) {
        for (const op of api.operations) {
          const where = `${op.httpMethod} ${api.path}`;
          const ref = refOperation(api.path, op.httpMethod);
          if (!ref) {
            problems.push(`${where}: not an Asterisk operation`);
            continue;
          }
          if (ref.nickname !== op.nickname) problems.push(`${where}: nickname ${op.nickname}, Asterisk ${ref.nickname}`);
          if (ref.responseClass !== op.responseClass) problems.push(`${where}: returns ${op.responseClass}, Asterisk ${ref.responseClass}`);
          const refParams = ref.parameters ?? [];
          for (const p of op.parameters) {
            const r = refParams.find((x) => x.name === p.name);
            if (!r) {
              problems.push(`${where}: parameter ${p.name} unknown to Asterisk`);
              continue;
            }
            const same = r.paramType === p.paramType && r.dataType === p.dataType && (r.required ?? false) === p.required && (r.allowMultiple ?? false) === p.allowMultiple;
            if (!same) problems.push(`${where}: parameter ${p.name} differs from Asterisk's`);
            if (p.defaultValue !== undefined && r.defaultValue !== p.defaultValue) problems.push(`${where}: default of ${p.name}`);
            if (p.allowableValues && JSON.stringify(r.allowableValues?.values) !== JSON.stringify(p.allowableValues.values)) problems.push(`${where}: values of ${p.name}`);
          }
          for (const r of refParams) if (r.required && !op.parameters.some((p) => p.name === r.name)) problems.push(`${where}: lacks required ${r.name}`);
          const codes = (list: { code: number }[] | undefined) => JSON.stringify((list ?? []).map((e) => e.code).sort());
          if (codes(ref.errorResponses) !== codes(op.errorResponses)) problems.push(`${where}: error codes ${codes(op.errorResponses)}, Asterisk ${codes(ref.errorResponses)}`);
        }
      }
      for (const [id, model] of Object.entries(mine?.models ?? {})) {
        const ref = refModels().get(id);
        if (!ref) {
          problems.push(`model ${id}: unknown to Asterisk`);
          continue;
        }
        for (const [prop, p] of Object.entries(model.properties)) {
          const r = ref.properties[prop];
          if (!r) problems.push(`model ${id}.${prop}: unknown to Asterisk`);
          else if (r.type !== p.type || (r.required ?? false) !== (p.required ?? false)) problems.push(`model ${id}.${prop}: type or required differs`);
        }
        for (const [prop, r] of Object.entries(ref.properties)) if (r.required && !model.properties[prop]) problems.push(`model ${id}.${prop}: required by Asterisk, missing`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!present)(`sends events and objects shaped as Asterisk's models, and only documented statuses${needs}`, async () => {
    const h = await makeAriHarness();
    const log = new EventLog(h.provider);
    try {
      await h.provider.start();
      // a run that makes the server send every kind of event it knows
      await h.dialIn('+919800055501', '+9118002334455');
      const caller = (await log.waitFor('call.incoming')).callId;
      await h.provider.answer(caller);
      const { mediaId } = await h.provider.play(caller, { kind: 'silence', ms: 12_000 }, { interruptOnDtmf: true });
      await log.waitFor('media.started', (e) => e.mediaId === mediaId);
      await waitUntil(() => h.server.asterisk.sent.some((s) => s.message.type === 'PlaybackContinuing'), 'a media list to continue', 15_000);
      await h.pressDigits(caller, '5');
      await log.waitFor('media.finished', (e) => e.mediaId === mediaId);
      await h.provider.hold(caller);
      const agent = randomUUID();
      h.scriptOutbound('+919700055502', 'answer');
      await h.provider.originate({ callId: agent, to: '+919700055502', callerId: '+911600233445', timeoutSec: 10, detectMachine: true });
      await log.waitFor('call.machine', (e) => e.callId === agent);
      await h.provider.bridge(caller, agent, { record: true });
      const supervisor = randomUUID();
      await h.provider.originate({ callId: supervisor, to: 'agent:agent1', callerId: '+911600233445', timeoutSec: 10 });
      await log.waitFor('call.answered', (e) => e.callId === supervisor);
      await h.provider.snoop(caller, supervisor, 'listen');
      await log.waitFor('call.bridged', (e) => e.callId === supervisor);
      await h.remoteHangup(caller);
      await log.waitFor('recording.finished');
      await h.provider.hangup(agent);
      await h.provider.hangup(supervisor);
      const busy = randomUUID();
      h.scriptOutbound('+919700055503', 'busy');
      await h.provider.originate({ callId: busy, to: '+919700055503', callerId: '+911600233445', timeoutSec: 5 });
      await log.waitFor('call.failed', (e) => e.callId === busy);
      await log.waitFor('call.hangup', (e) => e.callId === supervisor);

      // and requests that Asterisk refuses, sent raw
      const auth = `Basic ${Buffer.from(`${ARI_USER}:${ARI_PASSWORD}`).toString('base64')}`;
      const raw = (method: string, path: string) => fetch(`${h.server.url}/ari${path}`, { method, headers: { authorization: auth } });
      const ringing = randomUUID();
      h.scriptOutbound('+919700055504', 'no_answer');
      await raw('POST', `/channels/${ringing}?endpoint=${encodeURIComponent('PJSIP/+919700055504@carrier')}&app=samvad&timeout=5`);
      const bridgeId = randomUUID();
      await raw('POST', `/bridges/${bridgeId}?type=mixing`);
      const refusals: [string, string, number][] = [
        ['GET', '/channels/nope', 404],
        ['DELETE', '/channels/nope', 404],
        ['DELETE', `/channels/${ringing}?reason=shrug`, 400],
        ['POST', `/channels/${ringing}/answer`, 409],
        ['POST', `/channels/${ringing}/play?media=sound:x`, 409],
        ['POST', `/channels/${ringing}?endpoint=PJSIP/x&app=samvad`, 409],
        ['POST', `/channels?endpoint=PJSIP/x`, 400],
        ['POST', `/bridges/${bridgeId}`, 409],
        ['POST', `/bridges/${bridgeId}/addChannel?channel=nope`, 400],
        ['POST', `/bridges/${bridgeId}/addChannel?channel=${ringing}`, 422],
        ['POST', `/bridges/${bridgeId}/removeChannel?channel=${ringing}`, 422],
        ['DELETE', '/bridges/nope', 404],
        ['DELETE', '/playbacks/nope', 404],
        ['POST', '/recordings/live/nope/stop', 404],
        ['POST', '/applications/nope/subscription?eventSource=channel:x', 404],
        ['POST', '/applications/samvad/subscription?eventSource=channel:nope', 422],
      ];
      for (const [method, path, status] of refusals) expect(`${method} ${path} ${(await raw(method, path)).status}`).toBe(`${method} ${path} ${status}`);
      const anonymous = await fetch(`${h.server.url}/ari/channels`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toContain('Basic');

      const models = refModels();
      const problems: string[] = [];
      const types = new Set<string>();
      for (const { message } of h.server.asterisk.sent) {
        const type = String(message.type);
        types.add(type);
        const model = eventModel(type, models);
        if (model) conform(message, model, models, type, problems);
        else problems.push(`${type}: not an Asterisk event`);
      }
      expect([...new Set(problems)]).toEqual([]);
      for (const t of ['StasisStart', 'StasisEnd', 'ChannelStateChange', 'ChannelDtmfReceived', 'ChannelHangupRequest', 'ChannelDestroyed', 'ChannelEnteredBridge', 'ChannelLeftBridge', 'ChannelDialplan', 'ChannelVarset', 'Dial', 'PlaybackStarted', 'PlaybackContinuing', 'PlaybackFinished', 'RecordingStarted', 'RecordingFinished']) {
        expect(types).toContain(t);
      }

      const statusProblems: string[] = [];
      for (const r of h.server.requests) {
        if (r.route.startsWith('/api-docs/') || r.status === 401) continue;
        const op = refOperation(r.route, r.method);
        if (!op) statusProblems.push(`${r.method} ${r.route}: not an Asterisk operation`);
        else if (r.status >= 300 && !(op.errorResponses ?? []).some((e) => e.code === r.status)) statusProblems.push(`${r.method} ${r.route}: ${r.status} is not documented`);
      }
      expect([...new Set(statusProblems)]).toEqual([]);
    } finally {
      await h.provider.stop();
      await h.close();
    }
  });
});
