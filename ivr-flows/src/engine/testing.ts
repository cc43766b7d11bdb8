import type { TFlow, TFlowInput } from '../flow/schema.js';
import { ZFlow } from '../flow/schema.js';
import type { TIvrCommand, TIvrEvent, TIvrSession, TVarValue } from './contract.js';
import { start, step } from './interpreter.js';

/** a test's literal as flow variables: what survives JSON is what a call can carry */
export function asJson(value: unknown): TVarValue {
  const copy: TVarValue = JSON.parse(JSON.stringify(value));
  return copy;
}

/** A flow from a test's literal, with the schema's defaults applied. */
export function flowOf(input: Omit<TFlowInput, 'schemaVersion' | 'id' | 'version' | 'languages' | 'defaultLanguage'> & Partial<TFlowInput>): TFlow {
  return ZFlow.parse({ schemaVersion: 1, id: 'test', version: '1', languages: ['hi', 'en'], defaultLanguage: 'en', ...input });
}

/**
 * Walks a flow as a caller would, without a phone network: prompts finish on their own (unless
 * `autoMedia` is off), and the test answers what the flow waits for. `heard` is every prompt's
 * text in order; `commands` everything the interpreter asked for.
 */
export class FlowWalker {
  session: TIvrSession;
  readonly commands: TIvrCommand[] = [];
  readonly heard: string[] = [];

  constructor(
    readonly flow: TFlow,
    options: { at?: string; caller?: string | null; variables?: Record<string, TVarValue>; autoMedia?: boolean } = {},
  ) {
    this.autoMedia = options.autoMedia ?? true;
    const result = start(flow, {
      type: 'started',
      at: options.at ?? '2026-03-12T06:30:00.000Z',
      callId: 'call-1',
      caller: options.caller === undefined ? '+919876543210' : options.caller,
      called: '+9118002334455',
      variables: options.variables ?? {},
    });
    this.session = result.session;
    this.take(result.commands);
  }

  private readonly autoMedia: boolean;

  get waiting(): TIvrSession['waiting'] {
    return this.session.waiting;
  }

  /** the last command of a kind */
  last<T extends TIvrCommand['type']>(type: T): Extract<TIvrCommand, { type: T }> | undefined {
    return this.commands.filter((c): c is Extract<TIvrCommand, { type: T }> => c.type === type).at(-1);
  }

  send(event: TIvrEvent): this {
    const result = step(this.flow, this.session, event);
    this.session = result.session;
    this.take(result.commands);
    return this;
  }

  private id(kind: NonNullable<TIvrSession['waiting']>['kind']): string {
    const waiting = this.session.waiting;
    if (!waiting || waiting.kind !== kind) throw new Error(`the flow waits for ${waiting ? waiting.kind : 'nothing'} (node ${this.session.nodeId ?? '-'}), not ${kind}`);
    return waiting.id;
  }

  finishMedia(reason: 'done' | 'interrupted' = 'done'): this {
    return this.send({ type: 'media.finished', mediaId: this.id('media'), reason });
  }

  press(digits: string, reason: 'max_digits' | 'terminator' | 'timeout' = 'terminator'): this {
    return this.send({ type: 'digits', requestId: this.id('digits'), digits, reason });
  }

  silence(): this {
    return this.press('', 'timeout');
  }

  answer(value: TVarValue): this {
    return this.send({ type: 'lookup.result', requestId: this.id('lookup'), ok: true, value });
  }

  fail(error: string): this {
    return this.send({ type: 'lookup.result', requestId: this.id('lookup'), ok: false, error });
  }

  recorded(uri: string, durationSec: number): this {
    return this.send({ type: 'recording.finished', requestId: this.id('recording'), uri, durationSec });
  }

  enqueued(position: number, expectedWaitSec: number): this {
    return this.send({ type: 'enqueued', requestId: this.id('enqueued'), position, expectedWaitSec });
  }

  hangup(): this {
    return this.send({ type: 'hangup' });
  }

  /** the nodes entered, in order */
  path(): string[] {
    return this.commands.filter((c) => c.type === 'trace' && c.detail.entered === true).map((c) => (c.type === 'trace' ? c.nodeId : ''));
  }

  private take(commands: TIvrCommand[]): void {
    for (const command of commands) {
      this.commands.push(command);
      if (command.type === 'play') this.heard.push(command.prompt.text);
      if (command.type === 'collect' && command.prompt) this.heard.push(command.prompt.text);
    }
    if (this.autoMedia && this.session.waiting?.kind === 'media') this.finishMedia();
  }
}
