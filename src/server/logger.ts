import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config';

/**
 * Structured JSON logs. Headers that carry credentials are redacted; request bodies and
 * variables (personal data, secrets) are never logged at all.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'cmg-backoffice-api' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.pin', '*.token'], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
