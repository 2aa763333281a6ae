import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { verifyAccessToken } from '../auth/jwt';
import { loadPrincipal } from '../authorization/load-principal';
import type { Principal } from '../authorization/principal';
import { buildAbility } from '../authorization/ability';
import type { Clock } from '../common/clock';
import { unauthenticated } from '../common/errors';
import type { RequestContext } from './context';

export interface ContextDeps {
  config: AppConfig;
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
}

const CORRELATION_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Our own id for every request (audit rows and logs are keyed by it, so a client cannot choose
 * or collide with it); the caller's `x-request-id`, when well formed, is kept beside it as a
 * correlation id only.
 */
export interface RequestIds {
  requestId: string;
  correlationId: string | null;
}

export function requestIdsOf(headers: IncomingHttpHeaders): RequestIds {
  const given = headers['x-request-id'];
  return { requestId: randomUUID(), correlationId: typeof given === 'string' && CORRELATION_ID.test(given) ? given : null };
}

function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (header === undefined) return undefined;
  // The scheme is case-insensitive (RFC 7235); the token is the JWS compact form.
  const match = /^bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  return match[1];
}

/**
 * Builds the context of one request: verifies the token, reads the principal and their live
 * grants from the database at this instant, and builds the ability from them (SCR-4).
 * No token means an anonymous context, which every operation refuses.
 */
export async function buildRequestContext(
  deps: ContextDeps,
  headers: IncomingHttpHeaders,
  { requestId, correlationId }: RequestIds,
): Promise<RequestContext> {
  const now = deps.clock.now();
  const token = bearerToken(headers);
  let principal: Principal | null = null;
  if (token !== undefined) {
    const claims = verifyAccessToken(deps.config.jwt, token, now);
    principal = await loadPrincipal(deps.dataSource.manager, claims, now);
  }
  const ctx: RequestContext = {
    requestId,
    correlationId,
    principal,
    ability: buildAbility(principal, now),
    now,
    clock: deps.clock,
    config: deps.config,
    dataSource: deps.dataSource,
    logger: deps.logger.child(correlationId ? { requestId, correlationId } : { requestId }),
    loaders: new Map(),
    log: { operation: null },
    auditedGrantReads: new Set(),
  };
  return ctx;
}
