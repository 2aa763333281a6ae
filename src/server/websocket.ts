import type { IncomingHttpHeaders, Server } from 'node:http';
import {
  getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLFormattedError,
} from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { principalRef } from '../authorization/principal';
import { AppError, ErrorCode, unauthenticated } from '../common/errors';
import { isProduction } from '../config';
import { NotificationFeed } from '../modules/notifications/notification-feed';
import type { NotificationLiveContext } from '../modules/notifications/notification-live';
import { buildRequestContext, type ContextDeps, requestIdsOf } from '../request/build-context';
import { LiveRefusal, liveRefusal } from '../request/live';
import { QUERY_LIMITS, queryArmor } from './apollo';
import { MAX_QUERY_COST, operationCost, tooCostly } from './query-cost';
import { isDatabaseUnavailable } from './database-outage';
import { createErrorFormatter, isExpectedError } from './format-error';
import { buildAppSchema } from './schema';

/** Subscriptions one socket may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 5;
/** Sockets one principal may hold open on one instance (tabs, devices). */
export const MAX_SOCKETS_PER_PRINCIPAL = 10;
/** Largest message a client may send; a subscription document is far smaller. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Close codes beside graphql-ws' own (4401 no token, 4403 a token that does not hold). */
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;
const TRY_AGAIN_LATER = 1013;
const GOING_AWAY = 1001;

export interface LiveEndpoint {
  /** This instance's notification feed (tests wait on `whenSubscribers`). */
  notifications: NotificationFeed;
  /** Closes every socket with 1001 (going away), cutting what has not closed by `graceMs`. */
  close(graceMs: number): Promise<void>;
}

/** What a socket proved at connection_init: its token, replayed for each subscription and each event. */
interface Connection {
  headers: IncomingHttpHeaders;
  correlationId: string | null;
  principal: string;
  requests: Map<string, string>;
}

const requestError = (code: string, error: GraphQLError) =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });

/**
 * GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's /graphql, for subscriptions only.
 * The connection is authenticated at connection_init exactly as an HTTP request (bearer token,
 * principal, live grants); each subscription gets a context of its own, and each event is judged
 * again by its feed. Documents get the HTTP limits: token count, depth, aliases, directives, cost.
 * No Origin check: the token travels in connection_init, never in a cookie, so a page on another
 * site has nothing to connect with (no cross-site WebSocket hijacking).
 */
export function attachWebSocket(server: Server, deps: ContextDeps): LiveEndpoint {
  const logger = deps.logger.child({ transport: 'ws' });
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const notifications = new NotificationFeed(deps.dataSource, logger);
  const schema = buildAppSchema();
  const rules = [...specifiedRules, ...queryArmor().protect().validationRules];
  const format = createErrorFormatter({ hideSuggestions: isProduction(deps.config) });
  const connections = new WeakMap<WebSocket, Connection>();
  const socketsOf = new Map<string, number>();

  const refuse = (socket: WebSocket, code: number, reason: string) => {
    socket.close(code, reason);
    return false as const;
  };

  /** A context as a new request from this socket would get it now; a token that no longer holds ends the socket. */
  const contextNow = async (socket: WebSocket, connection: Connection, requestId: string) => {
    try {
      return await buildRequestContext(deps, connection.headers, { requestId, correlationId: connection.correlationId });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) socket.close(CloseCode.Forbidden, 'Forbidden');
      throw error;
    }
  };

  const formatted = (error: GraphQLError, requestId: string | undefined): GraphQLFormattedError => {
    // graphql-ws wraps an error thrown by the event stream (no path): the coded error is inside.
    const original = !error.path && error.originalError instanceof AppError ? error.originalError : error;
    if (!isExpectedError(original)) logger.error({ err: original.originalError ?? original, requestId }, 'unexpected error');
    return format(original.toJSON(), original);
  };

  useServer<Record<string, unknown> | undefined>({
    schema,
    isProd: true, // graphql-ws would otherwise put an internal error's message in the close reason
    async onConnect(ctx) {
      const { socket, request } = ctx.extra;
      const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      if (typeof authorization !== 'string' || authorization === '') {
        return refuse(socket, CloseCode.Unauthorized, 'Unauthorized: send { authorization: "Bearer <token>" }');
      }
      const headers = { authorization };
      const ids = requestIdsOf(request.headers);
      try {
        const { principal } = await buildRequestContext(deps, headers, ids);
        if (!principal) return refuse(socket, CloseCode.Unauthorized, 'Unauthorized');
        const ref = principalRef(principal);
        const open = socketsOf.get(ref) ?? 0;
        if (open >= MAX_SOCKETS_PER_PRINCIPAL) return refuse(socket, POLICY_VIOLATION, 'Too many connections');
        socketsOf.set(ref, open + 1);
        connections.set(socket, { headers, correlationId: ids.correlationId, principal: ref, requests: new Map() });
        logger.info({ requestId: ids.requestId, principal: ref }, 'websocket connected');
        return true;
      } catch (error) {
        // Like HTTP's 401: a bad, expired or revoked token. 4403 lets the client retry with a new one.
        if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) return refuse(socket, CloseCode.Forbidden, 'Forbidden');
        if (isDatabaseUnavailable(error)) return refuse(socket, TRY_AGAIN_LATER, 'Service unavailable');
        logger.error({ err: error, requestId: ids.requestId }, 'websocket connection failed');
        return refuse(socket, INTERNAL_ERROR, 'Internal server error');
      }
    },
    async onSubscribe(ctx, id, payload) {
      const { socket } = ctx.extra;
      const connection = connections.get(socket);
      if (!connection) return [unauthenticated()];
      // The new subscription is already counted in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
        return [liveRefusal(LiveRefusal.TOO_MANY_SUBSCRIPTIONS, `At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection.`)];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
      } catch (error) {
        return [requestError('GRAPHQL_PARSE_FAILED', error as GraphQLError)];
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return invalid.map((error) => requestError('GRAPHQL_VALIDATION_FAILED', error));
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return [requestError('OPERATION_RESOLUTION_FAILURE', new GraphQLError('Name the operation to run.'))];
      if (operation.operation !== 'subscription') {
        return [liveRefusal(LiveRefusal.USE_HTTP_FOR_QUERIES, 'Queries and mutations are served over HTTP (POST /graphql); WebSocket carries subscriptions.')];
      }
      if (operationCost(schema, document, operation, payload.variables ?? {}) > MAX_QUERY_COST) return [tooCostly()];
      const requestId = requestIdsOf({}).requestId;
      try {
        const base = await contextNow(socket, connection, requestId);
        base.log.operation = payload.operationName ?? operation.name?.value ?? 'subscription';
        const contextValue: NotificationLiveContext = {
          ...base,
          live: { refresh: () => contextNow(socket, connection, requestId) },
          notificationFeed: notifications,
        };
        connection.requests.set(id, requestId);
        logger.info({ requestId, principal: connection.principal, operation: base.log.operation }, 'subscription started');
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        logger.error({ err: error, requestId }, 'subscription not started');
        return [new GraphQLError('Internal server error')];
      }
    },
    onNext(ctx, id, _payload, _args, result) {
      const requestId = connections.get(ctx.extra.socket)?.requests.get(id);
      if (!result.errors) return result;
      return { ...result, errors: result.errors.map((error) => formatted(error, requestId)) };
    },
    onError(ctx, id, _payload, errors) {
      const requestId = connections.get(ctx.extra.socket)?.requests.get(id);
      return errors.map((error) => formatted(error, requestId));
    },
    onComplete(ctx, id) {
      const connection = connections.get(ctx.extra.socket);
      const requestId = connection?.requests.get(id);
      connection?.requests.delete(id);
      if (requestId) logger.info({ requestId, principal: connection?.principal }, 'subscription ended');
    },
    onClose(ctx: Context<Record<string, unknown> | undefined, { socket: WebSocket }>) {
      const connection = connections.get(ctx.extra.socket);
      if (!connection) return;
      connections.delete(ctx.extra.socket);
      const open = (socketsOf.get(connection.principal) ?? 1) - 1;
      if (open > 0) socketsOf.set(connection.principal, open);
      else socketsOf.delete(connection.principal);
    },
  }, wss);

  return {
    notifications,
    async close(graceMs) {
      // No new upgrades from here (ws drops its listener on the HTTP server); the 'close' event waits for the sockets.
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of wss.clients) socket.close(GOING_AWAY, 'Server shutting down');
      const deadline = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, graceMs);
      await closed;
      clearTimeout(deadline);
      await notifications.close();
    },
  };
}
