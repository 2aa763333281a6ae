import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../common/errors';

/** Codes Apollo and graphql-armor give to request problems; they describe the request, not our internals. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * graphql-js hints: ` Did you mean "x"?`, ` Did you mean "x" or "y"?`, ` Did you mean the enum value "X"?`,
 * ` Did you mean to use an inline fragment on "T"?`. GraphQL names never contain "?".
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * graphql-js echoes a badly typed variable back (`Variable "$i" got invalid value "1234567" at "i.pin"; ...`),
 * sometimes twice. The value may be a PIN or a password (SEC-3): keep the variable, the path and the
 * reason, replace the value wherever it appears.
 */
function withoutEchoedValue(message: string): string {
  const match = /^(Variable "\$[^"]+") got invalid value ([\s\S]*?)(?: at "([^"]+)")?; ([\s\S]*)$/.exec(message);
  if (!match) return message;
  const [, variable, value, path, reason] = match;
  const redacted = value ? reason.split(value).join('<redacted>') : reason;
  return `${variable} got an invalid value${path ? ` at "${path}"` : ''}; ${redacted}`;
}

export interface ErrorFormatterOptions {
  /** Remove "Did you mean ...?" hints from every message (production): they map the schema for an attacker. */
  hideSuggestions?: boolean;
}

/** Expected errors reach the client as they are; everything else is a bug, masked and logged. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return true;
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
}

/** The cause worth logging: a failure outside a resolver (building the context) arrives wrapped. */
export function causeOf(error: unknown): unknown {
  const original = unwrapResolverError(error);
  return original instanceof GraphQLError && original.originalError ? original.originalError : original;
}

/**
 * Expected errors (AppError, request errors) go out as they are; anything else is masked to
 * "Internal server error": no SQL or stack reaches a client. The detail is logged where the
 * request id is at hand (the error-logging plugin, the context builder), not here.
 */
export function createErrorFormatter(options: ErrorFormatterOptions = {}) {
  const clean = (message: string) => (options.hideSuggestions ? message.replace(SUGGESTION, '') : message);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (original instanceof AppError) return { ...formatted, message: clean(formatted.message), extensions };
    const code = extensions.code as string | undefined;
    if (code !== undefined && REQUEST_ERROR_CODES.has(code)) {
      return { ...formatted, message: clean(withoutEchoedValue(formatted.message)), extensions: { code } };
    }
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
