/**
 * Models of the test server's API description: the objects and events it sends, written for this
 * test server (a subset of what Asterisk describes, checked against Asterisk 22's published
 * description by ari.fidelity.test.ts). ari-client reads the event models to decide which event
 * fields become resource objects, and fails on an event type it cannot find here.
 */

export interface TModelProperty {
  type: string;
  required?: boolean;
  description?: string;
  allowableValues?: { valueType: 'LIST'; values: string[] };
}
export interface TModel {
  id: string;
  description: string;
  properties: Record<string, TModelProperty>;
  subTypes?: string[];
  discriminator?: string;
}

const req = (type: string, description = ''): TModelProperty => ({ type, required: true, description });
const opt = (type: string, description = ''): TModelProperty => ({ type, required: false, description });

function model(id: string, description: string, properties: Record<string, TModelProperty>): TModel {
  return { id, description, properties };
}

export const CHANNEL_MODELS: Record<string, TModel> = {
  Channel: model('Channel', 'A call leg', {
    id: req('string', 'unique id (the uniqueid)'),
    protocol_id: req('string', 'SIP Call-ID for PJSIP channels'),
    name: req('string', 'e.g. PJSIP/carrier-00000001'),
    state: {
      ...req('string'),
      allowableValues: { valueType: 'LIST', values: ['Down', 'Rsrved', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy', 'Dialing Offhook', 'Pre-ring', 'Unknown'] },
    },
    caller: req('CallerID'),
    connected: req('CallerID'),
    accountcode: req('string'),
    dialplan: req('DialplanCEP', 'where the channel is in the dialplan'),
    creationtime: req('Date'),
    language: req('string'),
    channelvars: opt('object'),
  }),
  CallerID: model('CallerID', 'Caller id', { name: req('string'), number: req('string') }),
  DialplanCEP: model('DialplanCEP', 'Dialplan location', {
    context: req('string'),
    exten: req('string'),
    priority: req('long'),
    app_name: req('string', 'application running now'),
    app_data: req('string', 'its arguments'),
  }),
};

export const BRIDGE_MODELS: Record<string, TModel> = {
  Bridge: model('Bridge', 'Channels joined together', {
    id: req('string'),
    technology: req('string'),
    bridge_type: { ...req('string'), allowableValues: { valueType: 'LIST', values: ['mixing', 'holding'] } },
    bridge_class: req('string'),
    creator: req('string'),
    name: req('string'),
    channels: req('List[string]', 'ids of the channels in the bridge'),
    video_mode: opt('string'),
    creationtime: req('Date'),
  }),
};

export const PLAYBACK_MODELS: Record<string, TModel> = {
  Playback: model('Playback', 'Media being played', {
    id: req('string'),
    media_uri: req('string'),
    next_media_uri: opt('string'),
    target_uri: req('string', 'channel:<id> or bridge:<id>'),
    language: opt('string'),
    state: { ...req('string'), allowableValues: { valueType: 'LIST', values: ['queued', 'playing', 'continuing', 'done', 'failed'] } },
  }),
};

export const RECORDING_MODELS: Record<string, TModel> = {
  LiveRecording: model('LiveRecording', 'A recording in progress', {
    name: req('string'),
    format: req('string'),
    target_uri: req('string'),
    state: { ...req('string'), allowableValues: { valueType: 'LIST', values: ['queued', 'recording', 'paused', 'done', 'failed', 'canceled'] } },
    duration: opt('int', 'seconds'),
    cause: opt('string'),
  }),
};

export const APPLICATION_MODELS: Record<string, TModel> = {
  Application: model('Application', 'A Stasis application and what it is subscribed to', {
    name: req('string'),
    channel_ids: req('List[string]'),
    bridge_ids: req('List[string]'),
    endpoint_ids: req('List[string]'),
    device_names: req('List[string]'),
    events_allowed: req('List[object]'),
    events_disallowed: req('List[object]'),
  }),
};

/** Every event the test server sends; each is also listed as a subtype of Event. */
const EVENTS: Record<string, Record<string, TModelProperty>> = {
  StasisStart: { args: req('List[string]'), channel: req('Channel'), replace_channel: opt('Channel') },
  StasisEnd: { channel: req('Channel') },
  ChannelStateChange: { channel: req('Channel') },
  ChannelDtmfReceived: { digit: req('string'), duration_ms: req('int'), channel: req('Channel') },
  ChannelHangupRequest: { cause: opt('int'), soft: opt('boolean'), channel: req('Channel') },
  ChannelDestroyed: { cause: req('int', 'Q.850 cause'), cause_txt: req('string'), channel: req('Channel') },
  ChannelEnteredBridge: { bridge: req('Bridge'), channel: opt('Channel') },
  ChannelLeftBridge: { bridge: req('Bridge'), channel: req('Channel') },
  ChannelDialplan: { channel: req('Channel'), dialplan_app: req('string'), dialplan_app_data: req('string') },
  ChannelVarset: { variable: req('string'), value: req('string'), channel: opt('Channel') },
  Dial: { caller: opt('Channel'), peer: req('Channel'), dialstring: opt('string'), dialstatus: req('string') },
  PlaybackStarted: { playback: req('Playback') },
  PlaybackContinuing: { playback: req('Playback') },
  PlaybackFinished: { playback: req('Playback') },
  RecordingStarted: { recording: req('LiveRecording') },
  RecordingFinished: { recording: req('LiveRecording') },
  RecordingFailed: { recording: req('LiveRecording') },
  BridgeDestroyed: { bridge: req('Bridge') },
  ApplicationReplaced: {},
};

export const EVENT_TYPES = Object.keys(EVENTS);

export const EVENT_MODELS: Record<string, TModel> = {
  Message: {
    ...model('Message', 'Anything sent on the events socket', { type: req('string'), asterisk_id: opt('string') }),
    subTypes: ['Event'],
    discriminator: 'type',
  },
  Event: { ...model('Event', 'An event for an application', { application: req('string'), timestamp: req('Date') }), subTypes: EVENT_TYPES },
  ...Object.fromEntries(Object.entries(EVENTS).map(([id, properties]) => [id, model(id, `${id} event`, properties)])),
};
