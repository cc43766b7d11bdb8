import {
  APPLICATION_MODELS,
  BRIDGE_MODELS,
  CHANNEL_MODELS,
  EVENT_MODELS,
  PLAYBACK_MODELS,
  RECORDING_MODELS,
  type TModel,
} from './description-models.js';

/**
 * The test server's API description, in the Swagger 1.1 form Asterisk serves at
 * /ari/api-docs/resources.json and /ari/api-docs/{resource}.json. Only the operations the test
 * server implements are listed, with the nicknames, paths, parameters and error codes of
 * Asterisk 22, so that unmodified ari-client builds its client from it.
 */

export interface TParam {
  name: string;
  paramType: 'path' | 'query' | 'body';
  dataType: string;
  required: boolean;
  allowMultiple: boolean;
  defaultValue?: string | number | boolean;
  allowableValues?: { valueType: 'LIST'; values: string[] };
}
export interface TOperation {
  httpMethod: 'GET' | 'POST' | 'DELETE' | 'PUT';
  nickname: string;
  summary: string;
  responseClass: string;
  parameters: TParam[];
  errorResponses: { code: number; reason: string }[];
  upgrade?: 'websocket';
  websocketProtocol?: string;
}
export interface TApi {
  path: string;
  description: string;
  operations: TOperation[];
}
export interface TDeclaration {
  apiVersion: string;
  swaggerVersion: '1.1';
  basePath: string;
  resourcePath: string;
  apis: TApi[];
  models: Record<string, TModel>;
}

const API_VERSION = '10.0.0';

type TParamOptions = Partial<Pick<TParam, 'required' | 'allowMultiple' | 'defaultValue' | 'allowableValues'>>;
const path = (name: string): TParam => ({ name, paramType: 'path', dataType: 'string', required: true, allowMultiple: false });
const query = (name: string, dataType = 'string', options: TParamOptions = {}): TParam => ({
  name,
  paramType: 'query',
  dataType,
  required: false,
  allowMultiple: false,
  ...options,
});
const needed = (name: string, dataType = 'string', options: TParamOptions = {}) => query(name, dataType, { ...options, required: true });
const variables = (): TParam => ({ name: 'variables', paramType: 'body', dataType: 'containers', required: false, allowMultiple: false });
const list = (values: string[]) => ({ valueType: 'LIST' as const, values });
const errors = (...pairs: [number, string][]) => pairs.map(([code, reason]) => ({ code, reason }));

function op(httpMethod: TOperation['httpMethod'], nickname: string, responseClass: string, parameters: TParam[], errorResponses: TOperation['errorResponses'] = []): TOperation {
  return { httpMethod, nickname, summary: nickname, responseClass, parameters, errorResponses };
}

const DIRECTION = list(['none', 'both', 'out', 'in']);
const MUTE_DIRECTION = list(['both', 'in', 'out']);
const originateParams = [
  needed('endpoint'),
  query('extension'),
  query('context'),
  query('priority', 'long'),
  query('label'),
  query('app'),
  query('appArgs'),
  query('callerId'),
  query('timeout', 'int', { defaultValue: 30 }),
  variables(),
];
const originateTail = [query('otherChannelId'), query('originator'), query('formats')];
const originateErrors = errors([400, 'Invalid parameters for originating a channel.'], [409, 'Channel with given unique ID already exists.']);
const playParams = [needed('media', 'string', { allowMultiple: true }), query('lang'), query('offsetms', 'int'), query('skipms', 'int', { defaultValue: 3000 })];
const channelErrors = errors([404, 'Channel not found'], [409, 'Channel not in a Stasis application'], [412, 'Channel in invalid state']);
const snoopParams = [
  query('spy', 'string', { defaultValue: 'none', allowableValues: DIRECTION }),
  query('whisper', 'string', { defaultValue: 'none', allowableValues: DIRECTION }),
  needed('app'),
  query('appArgs'),
];
const snoopErrors = errors([400, 'Invalid parameters'], [404, 'Channel not found']);

const recordParams = [
  needed('name'),
  needed('format'),
  query('recorder_format'),
  query('maxDurationSeconds', 'int', { defaultValue: 0 }),
  query('maxSilenceSeconds', 'int', { defaultValue: 0 }),
  query('ifExists', 'string', { defaultValue: 'fail', allowableValues: list(['fail', 'overwrite', 'append']) }),
  query('beep', 'boolean', { defaultValue: false }),
  query('terminateOn', 'string', { defaultValue: 'none', allowableValues: list(['none', 'any', '*', '#']) }),
];

const CHANNELS: TApi[] = [
  {
    path: '/channels',
    description: 'Active channels',
    operations: [
      op('GET', 'list', 'List[Channel]', []),
      op('POST', 'originate', 'Channel', [...originateParams, query('channelId'), ...originateTail], originateErrors),
    ],
  },
  {
    path: '/channels/{channelId}',
    description: 'One channel',
    operations: [
      op('GET', 'get', 'Channel', [path('channelId')], errors([404, 'Channel not found'])),
      op('POST', 'originateWithId', 'Channel', [path('channelId'), ...originateParams, ...originateTail], originateErrors),
      op(
        'DELETE',
        'hangup',
        'void',
        [
          path('channelId'),
          query('reason_code'),
          query('reason', 'string', {
            allowableValues: list(['normal', 'busy', 'congestion', 'no_answer', 'timeout', 'rejected', 'unallocated', 'normal_unspecified', 'number_incomplete', 'codec_mismatch', 'interworking', 'failure', 'answered_elsewhere']),
          }),
        ],
        errors([400, 'Invalid reason for hangup provided'], [404, 'Channel not found']),
      ),
    ],
  },
  { path: '/channels/{channelId}/answer', description: 'Answer', operations: [op('POST', 'answer', 'void', [path('channelId')], channelErrors)] },
  {
    path: '/channels/{channelId}/mute',
    description: 'Mute a channel',
    operations: [
      op('POST', 'mute', 'void', [path('channelId'), query('direction', 'string', { defaultValue: 'both', allowableValues: MUTE_DIRECTION })], channelErrors),
      op('DELETE', 'unmute', 'void', [path('channelId'), query('direction', 'string', { defaultValue: 'both', allowableValues: MUTE_DIRECTION })], channelErrors),
    ],
  },
  {
    path: '/channels/{channelId}/dtmf',
    description: 'Send DTMF to a channel',
    operations: [
      op(
        'POST',
        'sendDTMF',
        'void',
        [
          path('channelId'),
          query('dtmf'),
          query('before', 'int', { defaultValue: 0 }),
          query('between', 'int', { defaultValue: 100 }),
          query('duration', 'int', { defaultValue: 100 }),
          query('after', 'int', { defaultValue: 0 }),
        ],
        errors([400, 'DTMF is required'], [404, 'Channel not found'], [409, 'Channel not in a Stasis application'], [412, 'Channel in invalid state']),
      ),
    ],
  },
  {
    path: '/channels/{channelId}/play',
    description: 'Play media',
    operations: [op('POST', 'play', 'Playback', [path('channelId'), ...playParams, query('playbackId')], channelErrors)],
  },
  {
    path: '/channels/{channelId}/play/{playbackId}',
    description: 'Play media with a chosen playback id',
    operations: [op('POST', 'playWithId', 'Playback', [path('channelId'), path('playbackId'), ...playParams], channelErrors)],
  },
  {
    path: '/channels/{channelId}/snoop',
    description: 'Spy on or whisper to a channel',
    operations: [op('POST', 'snoopChannel', 'Channel', [path('channelId'), ...snoopParams, query('snoopId')], snoopErrors)],
  },
  {
    path: '/channels/{channelId}/snoop/{snoopId}',
    description: 'Snoop with a chosen snoop channel id',
    operations: [op('POST', 'snoopChannelWithId', 'Channel', [path('channelId'), path('snoopId'), ...snoopParams], snoopErrors)],
  },
  {
    path: '/channels/{channelId}/record',
    description: 'Record audio from a channel',
    operations: [
      op(
        'POST',
        'record',
        'LiveRecording',
        [path('channelId'), ...recordParams.filter((p) => p.name !== 'recorder_format')],
        errors(
          [400, 'Invalid parameters'],
          [404, 'Channel not found'],
          [409, 'Channel is not in a Stasis application; the channel is currently bridged with other channels; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail'],
          [422, 'The format specified is unknown on this system'],
        ),
      ),
    ],
  },
];

const BRIDGES: TApi[] = [
  {
    path: '/bridges',
    description: 'Active bridges',
    operations: [
      op('GET', 'list', 'List[Bridge]', []),
      op('POST', 'create', 'Bridge', [query('type'), query('bridgeId'), query('name'), variables()], errors([409, 'Bridge with the same bridgeId already exists'])),
    ],
  },
  {
    path: '/bridges/{bridgeId}',
    description: 'One bridge',
    operations: [
      op('POST', 'createWithId', 'Bridge', [query('type'), path('bridgeId'), query('name'), variables()], errors([409, 'Bridge with the same bridgeId already exists'])),
      op('GET', 'get', 'Bridge', [path('bridgeId')], errors([404, 'Bridge not found'])),
      op('DELETE', 'destroy', 'void', [path('bridgeId')], errors([404, 'Bridge not found'])),
    ],
  },
  {
    path: '/bridges/{bridgeId}/addChannel',
    description: 'Add channels',
    operations: [
      op(
        'POST',
        'addChannel',
        'void',
        [
          path('bridgeId'),
          needed('channel', 'string', { allowMultiple: true }),
          query('role'),
          query('absorbDTMF', 'boolean', { defaultValue: false }),
          query('mute', 'boolean', { defaultValue: false }),
          query('inhibitConnectedLineUpdates', 'boolean', { defaultValue: false }),
        ],
        errors([400, 'Channel not found'], [404, 'Bridge not found'], [409, 'Bridge not in Stasis application; Channel currently recording'], [422, 'Channel not in Stasis application']),
      ),
    ],
  },
  {
    path: '/bridges/{bridgeId}/removeChannel',
    description: 'Remove channels',
    operations: [
      op(
        'POST',
        'removeChannel',
        'void',
        [path('bridgeId'), needed('channel', 'string', { allowMultiple: true })],
        errors([400, 'Channel not found'], [404, 'Bridge not found'], [409, 'Bridge not in Stasis application'], [422, 'Channel not in this bridge']),
      ),
    ],
  },
  {
    path: '/bridges/{bridgeId}/moh',
    description: 'Music on hold for the whole bridge',
    operations: [
      op('POST', 'startMoh', 'void', [path('bridgeId'), query('mohClass')], errors([404, 'Bridge not found'], [409, 'Bridge not in Stasis application'])),
      op('DELETE', 'stopMoh', 'void', [path('bridgeId')], errors([404, 'Bridge not found'], [409, 'Bridge not in Stasis application'])),
    ],
  },
  {
    path: '/bridges/{bridgeId}/record',
    description: 'Record the bridge',
    operations: [
      op(
        'POST',
        'record',
        'LiveRecording',
        [path('bridgeId'), ...recordParams],
        errors([400, 'Invalid parameters'], [404, 'Bridge not found'], [409, 'Bridge is not in a Stasis application; a recording of that name is in progress'], [422, 'The format specified is unknown on this system']),
      ),
    ],
  },
];

const PLAYBACKS: TApi[] = [
  {
    path: '/playbacks/{playbackId}',
    description: 'A playback',
    operations: [
      op('GET', 'get', 'Playback', [path('playbackId')], errors([404, 'The playback cannot be found'])),
      op('DELETE', 'stop', 'void', [path('playbackId')], errors([404, 'The playback cannot be found'])),
    ],
  },
];

const RECORDINGS: TApi[] = [
  { path: '/recordings/live/{recordingName}', description: 'A live recording', operations: [op('GET', 'getLive', 'LiveRecording', [path('recordingName')], errors([404, 'Recording not found']))] },
  { path: '/recordings/live/{recordingName}/stop', description: 'Stop and store', operations: [op('POST', 'stop', 'void', [path('recordingName')], errors([404, 'Recording not found']))] },
];

const APPLICATIONS: TApi[] = [
  { path: '/applications', description: 'Applications', operations: [op('GET', 'list', 'List[Application]', [])] },
  { path: '/applications/{applicationName}', description: 'One application', operations: [op('GET', 'get', 'Application', [path('applicationName')], errors([404, 'Application does not exist.']))] },
  {
    path: '/applications/{applicationName}/subscription',
    description: 'Event sources of an application',
    operations: [
      op('POST', 'subscribe', 'Application', [path('applicationName'), needed('eventSource', 'string', { allowMultiple: true })], errors([400, 'Missing parameter.'], [404, 'Application does not exist.'], [422, 'Event source does not exist.'])),
      op(
        'DELETE',
        'unsubscribe',
        'Application',
        [path('applicationName'), needed('eventSource', 'string', { allowMultiple: true })],
        errors([400, 'Missing parameter; event source scheme not recognized.'], [404, 'Application does not exist.'], [409, 'Application not subscribed to event source.'], [422, 'Event source does not exist.']),
      ),
    ],
  },
];

const EVENTS: TApi[] = [
  {
    path: '/events',
    description: 'Events for applications',
    operations: [
      {
        ...op('GET', 'eventWebsocket', 'Message', [needed('app', 'string', { allowMultiple: true }), query('subscribeAll', 'boolean')]),
        upgrade: 'websocket',
        websocketProtocol: 'ari',
      },
    ],
  },
];

const RESOURCES: Record<string, { description: string; apis: TApi[]; models: Record<string, TModel> }> = {
  channels: { description: 'Channel resources', apis: CHANNELS, models: CHANNEL_MODELS },
  bridges: { description: 'Bridge resources', apis: BRIDGES, models: BRIDGE_MODELS },
  playbacks: { description: 'Playback control resources', apis: PLAYBACKS, models: PLAYBACK_MODELS },
  recordings: { description: 'Recording resources', apis: RECORDINGS, models: RECORDING_MODELS },
  events: { description: 'WebSocket resource', apis: EVENTS, models: EVENT_MODELS },
  applications: { description: 'Stasis application resources', apis: APPLICATIONS, models: APPLICATION_MODELS },
};

export const RESOURCE_NAMES = Object.keys(RESOURCES);

export function resourceList(basePath: string) {
  return {
    apiVersion: API_VERSION,
    swaggerVersion: '1.1',
    basePath,
    apis: RESOURCE_NAMES.map((name) => ({ path: `/api-docs/${name}.{format}`, description: RESOURCES[name]?.description ?? name })),
  };
}

export function resourceDeclaration(name: string, basePath: string): TDeclaration | null {
  const resource = RESOURCES[name];
  if (!resource) return null;
  return { apiVersion: API_VERSION, swaggerVersion: '1.1', basePath, resourcePath: `/api-docs/${name}.{format}`, apis: resource.apis, models: resource.models };
}
