import { createServer } from 'node:http';
import { createDatabase } from '@samvad/db';
import { Redis } from 'ioredis';
import { start, step, type TFlow } from '@samvad/ivr-flows';
import { attachAcdRealtime } from './acd/acd.realtime.js';
import { AcdService } from './acd/acd.service.js';
import { PgAcdStore } from './acd/acd.store.js';
import { simulatedAgentPhone, softphone } from './acd/agent-phone.js';
import { createApp } from './app.js';
import { createCallControl } from './callcontrol/create-call-control.js';
import { alwaysOpen, startFlowRegistry } from './callcontrol/flows.js';
import { startDemoTraffic } from './demo/demo-traffic.js';
import { createBeneficiaryImportService } from './modules/beneficiaries/import.service.js';
import { createServerDialer } from './modules/campaigns/dialer/wiring.js';
import { startCampaignProgress } from './modules/campaigns/results.progress.js';
import { createCampaignResultService } from './modules/campaigns/results.service.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createRealtime } from './realtime/socket.js';
import { createTelephonyProvider } from './telephony/create-provider.js';
import { CallRecorder } from './telephony/recorder.js';
import { TelephonyService } from './telephony/telephony.service.js';

/** Process entry: reads the configuration once, wires dependencies, listens, shuts down cleanly. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.demo) logger.warn('demo mode: built-in development secrets are in use; never expose this to the internet');

  const database = createDatabase({ url: config.database.url, poolSize: config.database.poolSize });
  const { prisma, pool } = database;
  const redisOptions = { maxRetriesPerRequest: null, lazyConnect: false } as const;
  const redis = new Redis(config.redis.url, redisOptions);
  const redisSub = redis.duplicate();
  for (const connection of [redis, redisSub]) {
    connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  }

  const telephonyProvider = createTelephonyProvider(config, logger);
  // Calls are recorded from the first event on.
  const telephony = new TelephonyService(telephonyProvider.provider, new CallRecorder(pool, logger), logger);
  const { network } = telephonyProvider;
  const acdStore = new PgAcdStore(pool, logger);
  const acd = new AcdService({
    telephony,
    store: acdStore,
    // on the simulator agents' phones are virtual and the console's accept answers them
    phone: network ? simulatedAgentPhone(network) : softphone,
    logger,
    settings: { ...config.acd, callerId: config.telephony.helplineNumber },
  });
  // agentless campaigns run the survey through call control, created further down
  const dialer = createServerDialer({ redisUrl: config.redis.url, sql: pool, telephony, acd, logger, surveys: () => callControl });
  const { app, signer, warmUp } = createApp({
    telephonyRoutes: telephonyProvider.routes,
    config,
    logger,
    prisma,
    sql: pool,
    acd,
    campaignDialer: dialer,
    adminQueues: [dialer.queue],
    readiness: {
      database: async () => {
        await pool.query('SELECT 1');
      },
      redis: async () => {
        await redis.ping();
      },
    },
  });
  await warmUp();
  const interrupted = await createBeneficiaryImportService({ prisma }).failInterrupted();
  if (interrupted.length > 0) logger.warn({ imports: interrupted }, 'imports interrupted by a stop marked failed');

  // Call control listens before the provider starts, so no call arrives unheard.
  const flows = startFlowRegistry(config.ivr.flowsDir, logger);
  const { control: callControl } = createCallControl<TFlow>({
    telephony,
    prisma,
    sql: pool,
    engine: { start, step },
    flows: config.ivr.alwaysOpen ? alwaysOpen(flows) : flows,
    queues: acd,
    logger,
    settings: {
      helplineNumber: config.telephony.helplineNumber,
      outboundCallerId: config.telephony.outboundCallerId,
      averageHandlingSec: config.ivr.averageHandlingSec,
      ...config.ivr.voiceGrievance,
      callbackDueMinutes: config.ivr.callbackDueMinutes,
    },
  });
  // once an agent has the caller, the IVR lets go of the call
  acd.onTaken((callId) => callControl.handedOff(callId));
  callControl.start();
  // Starting never blocks the HTTP server: an Asterisk that is not up yet is retried by its
  // adapter in the background. The ACD rebuilds from the database and the provider's live
  // calls once the provider is up; hand-overs and agents' actions wait for it.
  telephony
    .start()
    .then(async () => {
      logger.info({ provider: config.telephony.provider }, 'telephony provider started');
      await acd.start();
      // campaigns dial once the agents they connect to are known
      dialer.start();
    })
    .catch((error: unknown) => logger.error({ err: error }, 'telephony or the ACD failed to start'));

  const httpServer = createServer(app);
  const io = createRealtime({ httpServer, signer, logger, redis: { pub: redis, sub: redisSub }, corsOrigins: config.http.corsOrigins });
  attachAcdRealtime(io, acd, logger);
  const campaignResults = createCampaignResultService({ prisma, sql: pool, staffing: acd });
  const progress = startCampaignProgress({ running: campaignResults.running, send: (update) => io.to(['role:supervisor', 'role:admin']).emit('campaign:progress', update), logger });
  await new Promise<void>((resolve) => httpServer.listen(config.http.port, config.http.host, resolve));
  logger.info({ port: config.http.port, host: config.http.host }, 'samvad server listening');

  const traffic =
    network && config.demoTraffic.peakPerMinute > 0
      ? await startDemoTraffic({ network, sql: pool, logger, helplineNumber: config.telephony.helplineNumber, peakPerMinute: config.demoTraffic.peakPerMinute, curve: config.demoTraffic.curve })
      : null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop taking new work, let requests in flight finish, then close connections.
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    traffic?.stop();
    progress.stop();
    await io.close();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    flows.close();
    await callControl.stop();
    // dial jobs in progress finish; queued ones wait in Redis for the next start
    await dialer.close();
    await acd.stop();
    await telephony.stop();
    await acdStore.flush();
    await database.close();
    redis.disconnect();
    redisSub.disconnect();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`samvad server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
