import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AccessContext } from '../authorization/access-context';
import type { Principal } from '../authorization/principal';
import type { AppAbility } from '../authorization/ability';
import type { Clock } from '../common/clock';
import type { AppConfig } from '../config';

/**
 * Everything one request needs, passed first to every service method (`ctx`). Built fresh per
 * request: the ability reflects the live grants at `now`, the loaders cache only this request.
 */
export interface RequestContext extends AccessContext {
  /** Ours, generated for every request. */
  requestId: string;
  /** The caller's own x-request-id, kept only to correlate with their logs. */
  correlationId: string | null;
  principal: Principal | null;
  ability: AppAbility;
  /** The request instant: one value for the whole request, so checks agree with each other. */
  now: Date;
  clock: Clock;
  config: AppConfig;
  dataSource: DataSource;
  /** Per-request DataLoaders, created on first use by their module (see loaders.ts). */
  loaders: Map<symbol, unknown>;
  logger: Logger;
  /** Filled as the request goes, for its log line (an object: Apollo hands plugins a shallow copy of the context). */
  log: { operation: string | null };
  /** Sensitive contacts already audited as read under a grant in this request. */
  auditedGrantReads: Set<string>;
}
