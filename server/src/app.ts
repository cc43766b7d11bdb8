import { randomUUID } from 'node:crypto';
import type { PrismaClient, TSqlPool } from '@samvad/db';
import type { Queue } from 'bullmq';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import swaggerUi from 'swagger-ui-express';
import { acdRoutes, type TAcdApi } from './acd/acd.routes.js';
import type { TConfig } from './config.js';
import { authorise } from './http/authenticate.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { defineRoute, toExpressPath, type TRoute } from './http/route.js';
import type { Logger } from './logger.js';
import { applicationRoutes } from './modules/applications/applications.routes.js';
import { createApplicationService } from './modules/applications/applications.service.js';
import { createAuditLog } from './modules/audit/audit.service.js';
import { campaignCallRoutes } from './modules/campaigns/campaign-calls.routes.js';
import { createCampaignCallService } from './modules/campaigns/campaign-calls.service.js';
import { Conflict } from './errors.js';
import { previewRoutes } from './modules/campaigns/preview.routes.js';
import { createPreviewService } from './modules/campaigns/preview.service.js';
import { surveyRoutes } from './modules/surveys/surveys.routes.js';
import { createSurveyService } from './modules/surveys/surveys.service.js';
import { beneficiaryImportRoutes } from './modules/beneficiaries/beneficiaries.routes.js';
import { createBeneficiaryImportService } from './modules/beneficiaries/import.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createTokenSigner, type TTokenSigner } from './modules/auth/tokens.js';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.js';
import { createCampaignService } from './modules/campaigns/campaigns.service.js';
import { QUEUE_BOARD_PATH, queueBoardAuth, queueBoardRouter, queueBoardRoutes } from './modules/campaigns/queue-board.js';
import { campaignResultRoutes } from './modules/campaigns/results.routes.js';
import { createCampaignResultService } from './modules/campaigns/results.service.js';
import type { TCampaignDialerHook } from './modules/campaigns/dialer-hook.js';
import { facilityRoutes } from './modules/facilities/facilities.routes.js';
import { createFacilityService } from './modules/facilities/facilities.service.js';
import { grievanceRoutes } from './modules/grievances/grievances.routes.js';
import { createGrievanceService } from './modules/grievances/grievances.service.js';
import { healthRoutes, type TReadinessChecks } from './modules/health/health.routes.js';
import { householdRoutes } from './modules/households/households.routes.js';
import { createHouseholdService } from './modules/households/households.service.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { residentRoutes } from './modules/residents/residents.routes.js';
import { createResidentService } from './modules/residents/residents.service.js';
import { serveConsole } from './http/console.js';

export const API_VERSION = '0.1.0';

export interface TAppDeps {
  config: TConfig;
  logger: Logger;
  prisma: PrismaClient;
  /** node-postgres on the same connections, for the hot paths */
  sql: TSqlPool;
  readiness: TReadinessChecks;
  /** routes a telephony provider brings (Twilio's signed webhooks) */
  telephonyRoutes?: TRoute[];
  /** the queues and agents; its routes exist only when it is given */
  acd?: TAcdApi;
  /** told of each campaign status change, so a pause stops the dialing at once */
  campaignDialer?: TCampaignDialerHook;
  /** BullMQ queues shown to administrators on the job board (/admin/queues) */
  adminQueues?: readonly Queue[];
  now?: () => Date;
}

export interface TApp {
  app: Express;
  routes: readonly TRoute[];
  signer: TTokenSigner;
  /** loads what the app keeps in memory (the facility index); call before serving */
  warmUp: () => Promise<void>;
}

/** Builds the HTTP app from its dependencies. Nothing here listens, connects or reads the environment. */
export function createApp(deps: TAppDeps): TApp {
  const { config, logger, prisma, sql, readiness, telephonyRoutes = [], acd, campaignDialer, adminQueues = [], now } = deps;
  const signer = createTokenSigner(config.auth.jwtSecret, config.auth.accessTtlSeconds, now);
  const audit = createAuditLog(sql);
  const facilities = createFacilityService({ prisma });
  const campaignCalls = createCampaignCallService({
    sql,
    audit,
    now,
    agentCall: acd
      ? async (userId) => {
          const { agent } = await acd.desk(userId);
          return { callId: agent.callId, displayName: agent.displayName };
        }
      : undefined,
  });
  acd?.setWrapUpHook((wrap) => campaignCalls.beforeWrapUpEnds(wrap));
  const preview = createPreviewService({
    sql,
    calls: campaignCalls,
    dialer: campaignDialer,
    now,
    awaitOwnCall: acd ? (userId, seconds) => acd.awaitOwnCall(userId, seconds) : undefined,
    agentOf: async (userId) => {
      if (!acd) throw Conflict('Call distribution is not running on this server');
      return (await acd.desk(userId)).agent;
    },
  });

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const httpDuration = new Histogram({
    name: 'samvad_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics],
  });

  const domainRoutes: TRoute[] = [
    ...healthRoutes(readiness, metrics),
    ...authRoutes(createAuthService({ prisma, signer, refreshTtlSeconds: config.auth.refreshTtlSeconds, now })),
    ...householdRoutes(createHouseholdService({ sql, audit, now })),
    ...residentRoutes(createResidentService({ prisma, audit, now })),
    ...applicationRoutes(createApplicationService({ prisma, audit })),
    ...facilityRoutes(facilities),
    ...grievanceRoutes(createGrievanceService({ prisma, now })),
    ...referenceRoutes(prisma),
    ...beneficiaryImportRoutes(createBeneficiaryImportService({ prisma, now })),
    ...campaignRoutes(createCampaignService({ prisma, sql, defaultCallerId: config.telephony.outboundCallerId, dialer: campaignDialer, now })),
    ...campaignResultRoutes(createCampaignResultService({ prisma, sql, staffing: acd, now })),
    ...queueBoardRoutes(),
    ...campaignCallRoutes(campaignCalls),
    ...previewRoutes(preview),
    ...surveyRoutes(createSurveyService({ prisma })),
    ...telephonyRoutes,
    ...(acd ? acdRoutes(acd) : []),
  ];
  // The document describes itself too, so it is built after its own route is declared.
  const routes: TRoute[] = [
    ...domainRoutes,
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'operations',
      access: 'public',
      produces: 'application/json',
      handler: async ({ res }) => {
        res.json(openApi);
      },
    }),
  ];
  const openApi = buildOpenApiDocument(routes, API_VERSION);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const header = req.headers['x-request-id'];
        const id = typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  // Swagger UI needs inline scripts; every other response gets the strict default policy.
  app.use('/api/docs', helmet({ contentSecurityPolicy: false }), swaggerUi.serve, swaggerUi.setup(openApi));
  app.use(helmet());
  if (config.http.corsOrigins.length > 0) {
    const allowed = new Set(config.http.corsOrigins);
    app.use((req, res, next) => {
      const origin = req.headers.origin;
      if (origin && allowed.has(origin)) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'origin');
        res.setHeader('access-control-allow-headers', 'authorization, content-type');
        res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
        if (req.method === 'OPTIONS') return void res.status(204).end();
      }
      next();
    });
  }
  // JSON bodies are parsed per route: a route that consumes a raw stream (a CSV upload) reads the request itself.
  const json = express.json({ limit: '256kb' });

  for (const route of routes) {
    app[route.method](toExpressPath(route.path), ...(route.consumes ? [] : [json]), async (req, res) => {
      const stop = httpDuration.startTimer({ method: route.method.toUpperCase(), route: route.path });
      res.on('finish', () => stop({ status: String(res.statusCode) }));
      const user = await authorise(req, route.access, signer);
      await route.run(req, res, user);
    });
  }

  // Bull Board's page links web fonts from Google: its own policy keeps the page to this server
  const boardPolicy = helmet({ contentSecurityPolicy: { directives: { styleSrc: ["'self'", "'unsafe-inline'"], fontSrc: ["'self'"] } } });
  if (adminQueues.length > 0) app.use(QUEUE_BOARD_PATH, boardPolicy, queueBoardAuth(signer), queueBoardRouter(adminQueues));
  app.use(['/api', '/healthz', '/readyz', '/metrics'], notFoundHandler);
  if (config.consoleDist) serveConsole(app, config.consoleDist);
  app.use(notFoundHandler);
  app.use(errorHandler);

  return {
    app,
    routes,
    signer,
    warmUp: async () => {
      const count = await facilities.load();
      logger.info({ facilities: count }, 'facility index loaded');
    },
  };
}
