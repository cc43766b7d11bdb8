import { pino, type Logger } from 'pino';

/** Paths that never reach a log line in clear. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
  'config.auth.jwtSecret',
  'config.database.url',
  'config.telephony.ari.password',
  'config.telephony.twilio.authToken',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'samvad-server' } }, destination);
}

export type { Logger };
