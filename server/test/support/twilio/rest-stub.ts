import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as ResponseModule from 'twilio/lib/http/response.js';

export type TRestForm = Record<string, string | string[]>;

export interface TRestRequest {
  method: string;
  /** e.g. /2010-04-01/Accounts/AC…/Calls/CA….json */
  path: string;
  form: TRestForm;
}

export interface TRestReply {
  status: number;
  json: Record<string, unknown>;
}

/** Twilio's error body, as its REST API writes it. */
export function restError(status: number, code: number, message: string): TRestReply {
  return { status, json: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** The SDK serialises every form value as text (lists stay lists), so the stub reads them so. */
function formOf(data: unknown): TRestForm {
  if (typeof data !== 'object' || data === null) return {};
  const form: TRestForm = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    form[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return form;
}

/**
 * The SDK's HTTP client, replaced: requests for api.twilio.com are answered in memory by
 * `handle` (the fake Twilio) and recorded; nothing leaves the process. Credentials are checked
 * as Twilio checks them, so a provider built with the wrong account is refused (20003).
 */
export class TwilioRestStub extends twilio.RequestClient {
  readonly requests: TRestRequest[] = [];

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly handle: (request: TRestRequest) => TRestReply,
  ) {
    super();
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<ResponseModule.default<TData>> {
    const url = new URL(opts.uri);
    if (url.hostname !== 'api.twilio.com') throw new Error(`the REST stub only answers api.twilio.com, not ${url.hostname}`);
    const request: TRestRequest = { method: opts.method.toUpperCase(), path: url.pathname, form: formOf(opts.data) };
    this.requests.push(request);
    const reply =
      opts.username === this.accountSid && opts.password === this.authToken ? this.handle(request) : restError(401, 20003, 'Authenticate');
    // Over the wire the answer is JSON text, which the SDK parses; it types the parsed body with
    // its request's type parameter, so the stub hands over parsed JSON just as axios would.
    return { statusCode: reply.status, body: JSON.parse(JSON.stringify(reply.json)), headers: { 'content-type': 'application/json' } };
  }
}
