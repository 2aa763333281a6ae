import pino, { type Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import type { AppConfig } from '../config';

/**
 * What an error says in the log. A database error carries the SQL, its bound parameters (a client's
 * name, SCIN, NINO, address...) and a server message that may quote a value ("invalid input syntax
 * for type uuid: ..."): only its class, SQLSTATE and the schema objects involved are logged. Our own
 * errors keep their message and stack, which never hold request data.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const driver = (error as { driverError?: Record<string, unknown> }).driverError ?? (error as unknown as Record<string, unknown>);
  const sqlState = typeof driver.code === 'string' && /^[0-9A-Z]{5}$/.test(driver.code) ? driver.code : undefined;
  if (error instanceof QueryFailedError || sqlState) {
    const pick = (key: string) => (typeof driver[key] === 'string' ? { [key]: driver[key] } : {});
    return { type: error.constructor.name, sqlState, ...pick('table'), ...pick('column'), ...pick('constraint'), ...pick('routine') };
  }
  return { type: error.constructor.name, message: error.message, stack: error.stack };
}

/**
 * Structured JSON logs. Headers that carry credentials are redacted; request bodies and
 * variables (personal data, secrets) are never logged at all, nor a database error's SQL and parameters.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'cmg-backoffice-api' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.pin', '*.token'], censor: '[redacted]' },
      serializers: { err: safeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
