import type { Client } from 'ari-client';
import { ZAriBridge, ZAriChannel, type TAriBridge, type TAriChannel } from './ari.events.js';

/**
 * The ARI operations the adapter uses, over ari-client. Two ari-client habits are absorbed here:
 * a request whose connection fails is never settled (swagger-client ignores the socket error), so
 * every call has a deadline; and an HTTP error arrives as `Error(<response body>)` with the status
 * dropped, so the error is classified from Asterisk's message (`{"message":"Channel not found"}`).
 */
export interface TAriRest {
  listChannels(): Promise<TAriChannel[]>;
  getChannel(channelId: string): Promise<TAriChannel>;
  listBridges(): Promise<TAriBridge[]>;
  originate(request: {
    channelId: string;
    endpoint: string;
    callerId: string;
    timeoutSec: number;
    variables: Record<string, string>;
    target: { app: string; appArgs: string } | { context: string; extension: string; priority: number };
  }): Promise<TAriChannel>;
  subscribe(app: string, eventSource: string): Promise<void>;
  answer(channelId: string): Promise<void>;
  hangup(channelId: string, q850: number): Promise<void>;
  play(channelId: string, playbackId: string, media: string[]): Promise<void>;
  getPlayback(playbackId: string): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  createBridge(bridgeId: string, type: string, name: string): Promise<TAriBridge>;
  destroyBridge(bridgeId: string): Promise<void>;
  addChannels(bridgeId: string, channelIds: string[]): Promise<void>;
  removeChannel(bridgeId: string, channelId: string): Promise<void>;
  startBridgeMoh(bridgeId: string, mohClass: string): Promise<void>;
  /** `in`: what the channel sends into Asterisk, so the others in its bridge hear silence */
  mute(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void>;
  unmute(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void>;
  sendDtmf(channelId: string, dtmf: string, timing: { betweenMs: number; durationMs: number }): Promise<void>;
  recordBridge(bridgeId: string, name: string, format: string): Promise<void>;
  recordChannel(
    channelId: string,
    request: { name: string; format: string; maxDurationSeconds: number; beep: boolean; terminateOn: 'none' | 'any' | '*' | '#' },
  ): Promise<void>;
  stopRecording(name: string): Promise<void>;
  snoop(request: { channelId: string; snoopId: string; spy: 'both' | 'in' | 'out' | 'none'; whisper: 'both' | 'in' | 'out' | 'none'; app: string; appArgs: string }): Promise<TAriChannel>;
}

export type TAriErrorKind = 'not_found' | 'not_in_stasis' | 'conflict' | 'invalid' | 'timeout' | 'failed';

export class AriRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly kind: TAriErrorKind,
    readonly detail: string,
  ) {
    super(`${operation}: ${detail}`);
    this.name = 'AriRequestError';
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof AriRequestError && error.kind === 'not_found';
}

/** What went wrong, from the text Asterisk puts in its error bodies. */
function classify(operation: string, error: unknown): AriRequestError {
  if (error instanceof AriRequestError) return error;
  let detail = 'request failed';
  if (error instanceof Error) detail = messageOf(error.message);
  else if (typeof error === 'string') detail = error;
  else if (typeof error === 'object' && error !== null && 'status' in error) detail = `HTTP ${String(error.status)}`;
  const kind: TAriErrorKind = /not in (a |this )?stasis/i.test(detail)
    ? 'not_in_stasis'
    : /not found|does not exist|cannot be found|HTTP 404/i.test(detail)
      ? 'not_found'
      : /already exists|in progress|HTTP 409/i.test(detail)
        ? 'conflict'
        : /invalid|missing|required|HTTP 400/i.test(detail)
          ? 'invalid'
          : 'failed';
  return new AriRequestError(operation, kind, detail);
}

function messageOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: keep the text
  }
  return body.slice(0, 200);
}

function withDeadline<T>(operation: string, work: PromiseLike<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AriRequestError(operation, 'timeout', `no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(classify(operation, error));
      },
    );
  });
}

export function createAriRest(client: Client, timeoutMs: number): TAriRest {
  const run = <T>(operation: string, work: () => PromiseLike<T>): Promise<T> => {
    try {
      return withDeadline(operation, work(), timeoutMs);
    } catch (error) {
      // swagger-client throws synchronously (a string) when a path parameter is missing
      return Promise.reject(classify(operation, error));
    }
  };
  return {
    listChannels: () => run('GET /channels', async () => (await client.channels.list()).map((c) => ZAriChannel.parse(c))),
    getChannel: (channelId) => run('GET /channels/{id}', async () => ZAriChannel.parse(await client.channels.get({ channelId }))),
    listBridges: () => run('GET /bridges', async () => (await client.bridges.list()).map((b) => ZAriBridge.parse(b))),
    originate: (r) =>
      run('POST /channels/{id}', async () => {
        const where = 'app' in r.target ? { app: r.target.app, appArgs: r.target.appArgs } : r.target;
        const channel = await client.channels.originateWithId({
          channelId: r.channelId,
          endpoint: r.endpoint,
          callerId: r.callerId,
          timeout: r.timeoutSec,
          variables: r.variables,
          ...where,
        });
        return ZAriChannel.parse(channel);
      }),
    subscribe: (app, eventSource) =>
      run('POST /applications/{app}/subscription', async () => {
        await client.applications.subscribe({ applicationName: app, eventSource });
      }),
    answer: (channelId) => run('POST /channels/{id}/answer', () => client.channels.answer({ channelId })),
    hangup: (channelId, q850) => {
      // the typings predate `reason_code` (a Q.850 code, Asterisk 16+): passed as a plain object
      const params = { channelId, reason_code: String(q850) };
      return run('DELETE /channels/{id}', () => client.channels.hangup(params));
    },
    play: (channelId, playbackId, media) =>
      run('POST /channels/{id}/play/{playbackId}', async () => {
        await client.channels.playWithId({ channelId, playbackId, media });
      }),
    getPlayback: (playbackId) =>
      run('GET /playbacks/{id}', async () => {
        await client.playbacks.get({ playbackId });
      }),
    stopPlayback: (playbackId) => run('DELETE /playbacks/{id}', () => client.playbacks.stop({ playbackId })),
    createBridge: (bridgeId, type, name) =>
      run('POST /bridges/{id}', async () => ZAriBridge.parse(await client.bridges.createWithId({ bridgeId, type, name }))),
    destroyBridge: (bridgeId) => run('DELETE /bridges/{id}', () => client.bridges.destroy({ bridgeId })),
    addChannels: (bridgeId, channelIds) => run('POST /bridges/{id}/addChannel', () => client.bridges.addChannel({ bridgeId, channel: channelIds })),
    removeChannel: (bridgeId, channelId) => run('POST /bridges/{id}/removeChannel', () => client.bridges.removeChannel({ bridgeId, channel: channelId })),
    startBridgeMoh: (bridgeId, mohClass) => run('POST /bridges/{id}/moh', () => client.bridges.startMoh({ bridgeId, mohClass })),
    mute: (channelId, direction) => run('POST /channels/{id}/mute', () => client.channels.mute({ channelId, direction })),
    unmute: (channelId, direction) => run('DELETE /channels/{id}/mute', () => client.channels.unmute({ channelId, direction })),
    sendDtmf: (channelId, dtmf, timing) =>
      run('POST /channels/{id}/dtmf', () => client.channels.sendDTMF({ channelId, dtmf, between: timing.betweenMs, duration: timing.durationMs })),
    recordBridge: (bridgeId, name, format) =>
      run('POST /bridges/{id}/record', async () => {
        await client.bridges.record({ bridgeId, name, format, ifExists: 'fail' });
      }),
    recordChannel: (channelId, r) =>
      run('POST /channels/{id}/record', async () => {
        await client.channels.record({
          channelId,
          name: r.name,
          format: r.format,
          maxDurationSeconds: r.maxDurationSeconds,
          beep: r.beep,
          terminateOn: r.terminateOn,
          ifExists: 'fail',
        });
      }),
    stopRecording: (name) => run('POST /recordings/live/{name}/stop', () => client.recordings.stop({ recordingName: name })),
    snoop: (r) =>
      run('POST /channels/{id}/snoop/{snoopId}', async () =>
        ZAriChannel.parse(
          await client.channels.snoopChannelWithId({ channelId: r.channelId, snoopId: r.snoopId, spy: r.spy, whisper: r.whisper, app: r.app, appArgs: r.appArgs }),
        ),
      ),
  };
}
