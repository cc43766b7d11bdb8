import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import { Forbidden, Invalid } from '../../errors.js';
import { defineRoute, type TRoute } from '../../http/route.js';
import type { TwilioProvider } from './provider.js';
import { ZCallForm, ZConferenceForm, ZGatherForm, ZRecordForm, ZRecordingForm, ZRecordingQuery, ZStatusForm, ZStatusQuery, ZStepQuery, ZVoiceQuery, ZWebhookForm } from './schemas.js';
import { isSignedByTwilio, signedUrlOf, type TWebhookForm } from './signature.js';
import { normaliseBaseUrl, TWILIO_WEBHOOK_PATHS } from './urls.js';

export interface TTwilioRouteOptions {
  authToken: string;
  /** the base URL Twilio was given; signatures are checked against it, never against the Host header */
  publicBaseUrl: string;
}

/** Twilio posts forms; only these routes parse them (the app parses JSON everywhere else). */
const parseForm = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });

function readForm(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => parseForm(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
}

function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw Invalid(
    `The Twilio ${where} has invalid fields`,
    result.error.issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join('.'), message: issue.message })),
  );
}

function sendTwiml(res: Response, twiml: string): void {
  res.status(200).type('text/xml').send(twiml);
}

/**
 * Twilio's webhooks as routes of the registry. They are public (Twilio cannot send a bearer
 * token) and each checks X-Twilio-Signature before reading anything: a request that fails is
 * refused with 403 and never reaches the provider.
 */
export function twilioRoutes(provider: TwilioProvider, options: TTwilioRouteOptions): TRoute[] {
  const base = normaliseBaseUrl(options.publicBaseUrl);

  async function verified(req: Request, res: Response): Promise<{ form: TWebhookForm; query: Record<string, string> }> {
    await readForm(req, res);
    const form = parseOr400(ZWebhookForm, req.body ?? {}, 'form');
    if (!isSignedByTwilio(options.authToken, req.header('x-twilio-signature'), signedUrlOf(base, req.originalUrl), form)) {
      throw Forbidden('The request is not signed by Twilio');
    }
    // the query as signed: read from the URL itself, not from a query parser's reading of it
    const query = Object.fromEntries(new URL(req.originalUrl, 'http://local').searchParams);
    return { form, query };
  }

  const common = { method: 'post', tag: 'telephony', access: 'public' } as const;
  return [
    defineRoute({
      ...common,
      path: TWILIO_WEBHOOK_PATHS.voice,
      summary: 'Twilio voice webhook (X-Twilio-Signature, else 403): a new inbound call, an outbound call answered, or the end of a document; answers TwiML',
      produces: 'text/xml',
      handler: async ({ req, res }) => {
        const { form, query } = await verified(req, res);
        sendTwiml(res, await provider.webhooks.voice(parseOr400(ZCallForm, form, 'form'), parseOr400(ZVoiceQuery, query, 'query')));
      },
    }),
    defineRoute({
      ...common,
      path: TWILIO_WEBHOOK_PATHS.gather,
      summary: 'Twilio <Gather> action (X-Twilio-Signature, else 403): the keys a caller pressed; answers TwiML',
      produces: 'text/xml',
      handler: async ({ req, res }) => {
        const { form, query } = await verified(req, res);
        sendTwiml(res, await provider.webhooks.gather(parseOr400(ZGatherForm, form, 'form'), parseOr400(ZStepQuery, query, 'query')));
      },
    }),
    defineRoute({
      ...common,
      path: TWILIO_WEBHOOK_PATHS.record,
      summary: 'Twilio <Record> action (X-Twilio-Signature, else 403): a voice message ended (key, limit or hang-up); answers TwiML',
      produces: 'text/xml',
      handler: async ({ req, res }) => {
        const { form, query } = await verified(req, res);
        sendTwiml(res, await provider.webhooks.record(parseOr400(ZRecordForm, form, 'form'), parseOr400(ZStepQuery, query, 'query')));
      },
    }),
    defineRoute({
      ...common,
      path: TWILIO_WEBHOOK_PATHS.status,
      summary: 'Twilio call status callback (X-Twilio-Signature, else 403): ringing, answered, completed, busy, no-answer, failed, canceled',
      handler: async ({ req, res }) => {
        const { form, query } = await verified(req, res);
        await provider.webhooks.status(parseOr400(ZStatusForm, form, 'form'), parseOr400(ZStatusQuery, query, 'query'));
        res.status(200).end();
      },
    }),
    defineRoute({
      ...common,
      path: TWILIO_WEBHOOK_PATHS.conference,
      summary: 'Twilio conference status callback (X-Twilio-Signature, else 403): participants joining and leaving a bridge',
      handler: async ({ req, res }) => {
        const { form } = await verified(req, res);
        await provider.webhooks.conference(parseOr400(ZConferenceForm, form, 'form'));
        res.status(200).end();
      },
    }),
    defineRoute({
      ...common,
      path: TWILIO_WEBHOOK_PATHS.recording,
      summary: 'Twilio recording status callback (X-Twilio-Signature, else 403): a bridge recording is ready',
      handler: async ({ req, res }) => {
        const { form, query } = await verified(req, res);
        await provider.webhooks.recording(parseOr400(ZRecordingForm, form, 'form'), parseOr400(ZRecordingQuery, query, 'query'));
        res.status(200).end();
      },
    }),
  ];
}
