import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../common/errors';

/** How long a client should wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGE = /Connection terminated|not established|not connected|pool after calling end|connection is not open/i;

/** A failure to reach the database at all (SQLSTATE class 08, shutdown, no connection), not a bad query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const failure = error as { code?: unknown; driverError?: { code?: unknown }; name?: unknown; message?: unknown } | undefined;
  const code = failure?.driverError?.code ?? failure?.code;
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_CODES.has(code))) return true;
  return typeof failure?.name === 'string' && /NotConnected|ConnectionIsNotSet/.test(failure.name) ||
    (typeof failure?.message === 'string' && UNAVAILABLE_MESSAGE.test(failure.message));
}

/** 503 with Retry-After: the request may succeed later, unchanged. */
export const serviceUnavailable = () =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The service is temporarily unavailable; try again shortly.', {
    http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
  });

/** One log line when an outage starts and one when it ends, not one per request in between. */
export class OutageLog {
  private since: Date | null = null;

  constructor(private readonly logger: Logger) {}

  unavailable(error: unknown, requestId: string): void {
    if (this.since) return;
    this.since = new Date();
    this.logger.error({ err: error, requestId }, 'database unavailable');
  }

  available(requestId: string): void {
    if (!this.since) return;
    this.logger.warn({ since: this.since.toISOString(), requestId }, 'database available again');
    this.since = null;
  }
}
