import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Logger } from 'pino';
import { type AppConfig, isProduction } from '../config';
import type { GraphQLObservation } from '../observability/observe';
import type { RequestContext } from '../request/context';
import { causeOf, createErrorFormatter, isExpectedError } from './format-error';
import { inputGuard } from './input-guard';
import { MAX_QUERY_COST, QueryLimitRefusal, queryCostLimit } from './query-cost';
import { buildAppSchema } from './schema';

/** Query limits: deep enough for case -> parties -> contact -> representatives -> client. */
export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxCost: MAX_QUERY_COST, maxDirectives: 20, maxTokens: 3000 };

/** Names the operation for the request's log line, and logs each unexpected error with its request id (the client sees it masked). */
const errorLogging = (logger: Logger): ApolloServerPlugin<RequestContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, operationName, contextValue }) {
        contextValue.log.operation = operationName ?? operation?.operation ?? null;
      },
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          if (!isExpectedError(error)) {
            logger.error({ err: causeOf(error), path: error.path, requestId: contextValue.requestId }, 'unexpected error');
          }
        }
      },
    };
  },
});

/**
 * Reports an armor refusal as ours: a message that says what to do and a `reason`, instead of
 * armor's "Syntax Error: ..." (the document is not malformed). The code stays GRAPHQL_VALIDATION_FAILED.
 */
const refuseAs = (reason: QueryLimitRefusal, message: string) => ({
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(message, { extensions: { reason } }))],
});

/**
 * Depth, alias and directive limits, for HTTP (Apollo) and WebSocket (websocket.ts) alike. Cost is
 * ours alone (query-cost.ts): armor's weighs the document's shape only, blind to page sizes and
 * variables, so it could refuse a small operation and pass a large one, with a second refusal.
 */
export const queryArmor = () =>
  new ApolloArmor({
    // Token counting turns syntax errors into HTTP 500 in this version: the parser's maxTokens covers it.
    maxTokens: { enabled: false },
    maxDepth: {
      n: QUERY_LIMITS.maxDepth,
      ...refuseAs(QueryLimitRefusal.TOO_DEEP, `The operation nests fields more than ${QUERY_LIMITS.maxDepth} levels deep: ask for fewer levels, or fetch the deeper objects in a second request (node(id:) refetches any of them).`),
    },
    maxAliases: {
      n: QUERY_LIMITS.maxAliases,
      ...refuseAs(QueryLimitRefusal.TOO_MANY_ALIASES, `The operation uses more than ${QUERY_LIMITS.maxAliases} aliases: send several smaller operations (nodes(ids:) fetches many objects at once).`),
    },
    maxDirectives: {
      n: QUERY_LIMITS.maxDirectives,
      ...refuseAs(QueryLimitRefusal.TOO_MANY_DIRECTIVES, `The operation uses more than ${QUERY_LIMITS.maxDirectives} directives: send several smaller operations.`),
    },
    costLimit: { enabled: false },
    // "Did you mean ...?" hints help an attacker map the schema; keep them for developers only.
    // Not armor's masking: it leaves "[Suggestion hidden]?" and misses enum-value hints (also in
    // variable errors). The error formatter removes every hint in production instead.
    blockFieldSuggestion: { enabled: false },
  });

export function createApollo(config: AppConfig, logger: Logger, observation?: GraphQLObservation): ApolloServer<RequestContext> {
  const production = isProduction(config);
  const protection = queryArmor().protect();
  const schema = buildAppSchema();
  const formatError = createErrorFormatter({ hideSuggestions: production });
  return new ApolloServer<RequestContext>({
    schema,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    // Our own shutdown (main.ts, worker) drains requests and jobs, then closes the pool; Apollo's
    // signal handlers would stop it and re-send the signal, killing the process first (exit 143).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: observation ? observation.countingErrors(formatError) : formatError,
    // The parser stops at maxTokens with a syntax error (400), so a huge document costs little.
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: [...protection.validationRules],
    plugins: [
      // First, so its clock starts before the other plugins' work.
      ...(observation ? [observation.plugin] : []),
      ...protection.plugins,
      inputGuard,
      queryCostLimit(schema),
      errorLogging(logger),
      // No cache hints are used; without this Apollo visits every field to compute them.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads from a CDN: outside production our offline GraphiQL (ide.ts)
      // answers browsers before Apollo; in production there is no IDE at all.
      ApolloServerPluginLandingPageDisabled(),
    ],
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
  });
}
