import { resourceDeclaration, resourceList } from './description.js';
import { addChannels, createBridge, destroyBridge, removeChannels, bridge as getBridge, snoop, startMoh, stopMoh } from './world-bridges.js';
import { answer, hangup, originate } from './world-calls.js';
import { sendDtmf, setMute } from './world-controls.js';
import { getLiveRecording, getPlayback, play, recordBridge, recordChannel, stopPlayback, stopRecording } from './world-media.js';
import { AriHttpError, bridgeJson, channelJson } from './world-types.js';
import type { FakeAsterisk } from './world.js';

export interface TRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** scheme://host/ari as the client addressed us: Asterisk rewrites basePath with it */
  basePath: string;
}
export interface TReply {
  status: number;
  body?: unknown;
}
type THandler = (world: FakeAsterisk, request: TRequest) => TReply;

const ok = (body: unknown): TReply => ({ status: 200, body });
const created = (body: unknown): TReply => ({ status: 201, body });
const none = (): TReply => ({ status: 204 });
const param = (r: TRequest, name: string): string => r.params[name] ?? '';
const text = (r: TRequest, name: string): string | null => r.query.get(name);
const many = (r: TRequest, name: string): string[] => (r.query.get(name) ?? '').split(',').filter(Boolean);

/** `{"variables": {...}}` in the body, as ari-client sends it. */
function variables(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || !('variables' in body)) return {};
  const vars = body.variables;
  if (typeof vars !== 'object' || vars === null) return {};
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));
}

function originateFrom(world: FakeAsterisk, r: TRequest, channelId: string | null): TReply {
  return ok(
    originate(world, {
      channelId,
      endpoint: text(r, 'endpoint'),
      app: text(r, 'app'),
      appArgs: text(r, 'appArgs'),
      context: text(r, 'context'),
      extension: text(r, 'extension'),
      callerId: text(r, 'callerId'),
      timeout: text(r, 'timeout'),
      variables: variables(r.body),
    }),
  );
}

const snoopFrom = (world: FakeAsterisk, r: TRequest, snoopId: string | null) =>
  ok(snoop(world, param(r, 'channelId'), { snoopId, spy: text(r, 'spy'), whisper: text(r, 'whisper'), app: text(r, 'app'), appArgs: text(r, 'appArgs') }));

/** Route templates are the description's paths under /ari. */
const ROUTES: Record<string, THandler> = {
  'GET /api-docs/resources.json': (_w, r) => ok(resourceList(r.basePath)),
  'GET /api-docs/{resource}.json': (_w, r) => {
    const declaration = resourceDeclaration(param(r, 'resource'), r.basePath);
    if (!declaration) throw new AriHttpError(404, 'Not Found');
    return ok(declaration);
  },
  'GET /channels': (w) => ok([...w.channels.values()].map(channelJson)),
  'POST /channels': (w, r) => originateFrom(w, r, text(r, 'channelId')),
  'GET /channels/{channelId}': (w, r) => ok(channelJson(w.channel(param(r, 'channelId')))),
  'POST /channels/{channelId}': (w, r) => originateFrom(w, r, param(r, 'channelId')),
  'DELETE /channels/{channelId}': (w, r) => {
    hangup(w, param(r, 'channelId'), text(r, 'reason_code'), text(r, 'reason'));
    return none();
  },
  'POST /channels/{channelId}/answer': (w, r) => {
    answer(w, param(r, 'channelId'));
    return none();
  },
  'POST /channels/{channelId}/mute': (w, r) => {
    setMute(w, param(r, 'channelId'), text(r, 'direction'), true);
    return none();
  },
  'DELETE /channels/{channelId}/mute': (w, r) => {
    setMute(w, param(r, 'channelId'), text(r, 'direction'), false);
    return none();
  },
  'POST /channels/{channelId}/dtmf': (w, r) => {
    sendDtmf(w, param(r, 'channelId'), text(r, 'dtmf'));
    return none();
  },
  'POST /channels/{channelId}/play': (w, r) => created(play(w, param(r, 'channelId'), many(r, 'media'), text(r, 'lang'), text(r, 'playbackId'))),
  'POST /channels/{channelId}/play/{playbackId}': (w, r) => created(play(w, param(r, 'channelId'), many(r, 'media'), text(r, 'lang'), param(r, 'playbackId'))),
  'POST /channels/{channelId}/record': (w, r) =>
    created(
      recordChannel(w, param(r, 'channelId'), {
        name: text(r, 'name'),
        format: text(r, 'format'),
        maxDurationSeconds: Number(text(r, 'maxDurationSeconds') ?? '0'),
        ifExists: text(r, 'ifExists'),
        terminateOn: text(r, 'terminateOn'),
      }),
    ),
  'POST /channels/{channelId}/snoop': (w, r) => snoopFrom(w, r, text(r, 'snoopId')),
  'POST /channels/{channelId}/snoop/{snoopId}': (w, r) => snoopFrom(w, r, param(r, 'snoopId')),
  'GET /bridges': (w) => ok([...w.bridges.values()].map(bridgeJson)),
  'POST /bridges': (w, r) => ok(createBridge(w, text(r, 'bridgeId'), text(r, 'type'), text(r, 'name'))),
  'POST /bridges/{bridgeId}': (w, r) => ok(createBridge(w, param(r, 'bridgeId'), text(r, 'type'), text(r, 'name'))),
  'GET /bridges/{bridgeId}': (w, r) => ok(bridgeJson(getBridge(w, param(r, 'bridgeId')))),
  'DELETE /bridges/{bridgeId}': (w, r) => {
    destroyBridge(w, param(r, 'bridgeId'));
    return none();
  },
  'POST /bridges/{bridgeId}/addChannel': (w, r) => {
    addChannels(w, param(r, 'bridgeId'), many(r, 'channel'), text(r, 'role'));
    return none();
  },
  'POST /bridges/{bridgeId}/removeChannel': (w, r) => {
    removeChannels(w, param(r, 'bridgeId'), many(r, 'channel'));
    return none();
  },
  'POST /bridges/{bridgeId}/moh': (w, r) => {
    startMoh(w, param(r, 'bridgeId'), text(r, 'mohClass'));
    return none();
  },
  'DELETE /bridges/{bridgeId}/moh': (w, r) => {
    stopMoh(w, param(r, 'bridgeId'));
    return none();
  },
  'POST /bridges/{bridgeId}/record': (w, r) => created(recordBridge(w, param(r, 'bridgeId'), text(r, 'name'), text(r, 'format'), text(r, 'ifExists'))),
  'GET /playbacks/{playbackId}': (w, r) => ok(getPlayback(w, param(r, 'playbackId'))),
  'DELETE /playbacks/{playbackId}': (w, r) => {
    stopPlayback(w, param(r, 'playbackId'));
    return none();
  },
  'GET /recordings/live/{recordingName}': (w, r) => ok(getLiveRecording(w, param(r, 'recordingName'))),
  'POST /recordings/live/{recordingName}/stop': (w, r) => {
    stopRecording(w, param(r, 'recordingName'));
    return none();
  },
  'GET /applications': (w) => ok([...w.apps].map((name) => w.appJson(name))),
  'GET /applications/{applicationName}': (w, r) => ok(w.appJson(w.app(param(r, 'applicationName')))),
  'POST /applications/{applicationName}/subscription': (w, r) => ok(w.subscription(param(r, 'applicationName'), many(r, 'eventSource'), true)),
  'DELETE /applications/{applicationName}/subscription': (w, r) => ok(w.subscription(param(r, 'applicationName'), many(r, 'eventSource'), false)),
};

interface TCompiled {
  method: string;
  template: string;
  pattern: RegExp;
  keys: string[];
  handler: THandler;
}

const COMPILED: TCompiled[] = Object.entries(ROUTES).map(([route, handler]) => {
  const [method = '', template = ''] = route.split(' ');
  const keys: string[] = [];
  const source = template.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { method, template, pattern: new RegExp(`^${source}$`), keys, handler };
});

/** The route for a path below /ari, or the reason there is none (404 unknown path, 405 other method). */
export function route(method: string, path: string): { template: string; params: Record<string, string>; handler: THandler } | { status: 404 | 405 } {
  let pathMatched = false;
  for (const r of COMPILED) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params = Object.fromEntries(r.keys.map((key, i) => [key, decodeURIComponent(m[i + 1] ?? '')]));
    return { template: r.template, params, handler: r.handler };
  }
  return { status: pathMatched ? 405 : 404 };
}
