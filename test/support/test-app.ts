import type { DataSource } from 'typeorm';
import { Writable } from 'node:stream';
import { signAccessToken } from '../../src/auth/jwt';
import { ManualClock } from '../../src/common/clock';
import { loadConfig, type AppConfig } from '../../src/config';
import type { OpenDatabase } from '../../src/database/open-database';
import { startApp, type App } from '../../src/server/http-server';
import { createLogger } from '../../src/server/logger';
import { openTestDatabase } from './database';
import { ERROR_CODES } from '../../src/common/errors';
import { declaredRefusalValues } from '../../src/common/refusals';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  app: App;
  config: AppConfig;
  clock: ManualClock;
  dataSource: DataSource;
  database: OpenDatabase;
  /** Every log line the server wrote, for asserting that nothing secret was logged. */
  logLines: string[];
  /** A GraphQL client signed in as this staff number (or anonymous when undefined). */
  as(staffNumber?: string): GraphQLClient;
  asClient(contactId: string): GraphQLClient;
  tokenFor(subject: string, principalType?: 'staff' | 'client'): string;
  close(): Promise<void>;
}

export type GraphQLClient = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;

export async function postGraphQL<T = any>(
  url: string,
  token: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  assertListedCodes(body.errors);
  return { status: response.status, headers: response.headers, ...body };
}

/**
 * Issue 8 point 10, checked on every answer of every e2e test: each error's `extensions.code` is one
 * of the closed list (the schema's ErrorCode) and its `reason`, if any, a value of a declared
 * refusal enum. A new free-form code or reason fails the test that meets it.
 */
export function assertListedCodes(errors: GraphQLResponse['errors']): void {
  const reasons = declaredRefusalValues();
  for (const error of errors ?? []) {
    const { code, reason } = (error.extensions ?? {}) as { code?: unknown; reason?: unknown };
    if (typeof code !== 'string' || !(code in ERROR_CODES)) throw new Error(`unlisted error code ${String(code)}: ${error.message}`);
    if (reason !== undefined && (typeof reason !== 'string' || !reasons.has(reason))) {
      throw new Error(`unlisted refusal reason ${String(reason)} (code ${code}): ${error.message}`);
    }
  }
}

/** The real server over HTTP on a fresh migrated database with the demo data and a manual clock. */
export async function startTestApp(options: { seed?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  // Rate limits off unless a test sets them (also for the apps a test runs as development or production).
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', RATE_LIMIT_ADDRESS_PER_MINUTE: '0', RATE_LIMIT_PRINCIPAL_PER_MINUTE: '0', ...options.env });
  // With the demo data: from a seeded template (embedded) or seeded now (a server).
  const database = await openTestDatabase({ seeded: options.seed !== false });
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const app = await startApp({ config, dataSource: database.dataSource, clock, logger: createLogger(config, sink) }, 0);
  const tokenFor = (subject: string, principalType: 'staff' | 'client' = 'staff') =>
    signAccessToken(config.jwt, { subject, principalType }, { now: clock.now(), expiresInSeconds: 8 * 3600 });
  return {
    app,
    config,
    clock,
    dataSource: database.dataSource,
    database,
    logLines,
    tokenFor,
    as: (staffNumber) => (query, variables) =>
      postGraphQL(app.url, staffNumber ? tokenFor(staffNumber) : undefined, query, variables),
    asClient: (contactId) => (query, variables) => postGraphQL(app.url, tokenFor(contactId, 'client'), query, variables),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const codesOf = (response: GraphQLResponse) => (response.errors ?? []).map((error) => error.extensions?.code);
