import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, REQUEST_ERROR_CODES } from '../common/errors';
import { declaredRefusalValues } from '../common/refusals';

/**
 * graphql-js hints: ` Did you mean "x"?`, ` Did you mean "x" or "y"?`, ` Did you mean the enum value "X"?`,
 * ` Did you mean to use an inline fragment on "T"?`. GraphQL names never contain "?".
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * What graphql-js says about a bad value, without the value (SEC-3: it may be a PIN or a password):
 * "String cannot represent a non string value: 5830291", "Expected value of type "Int!", found x",
 * "Value "1234567" does not exist in "SubjectType" enum." keep their type, lose the value.
 */
function withoutValues(reason: string): string {
  return reason
    // graphql-scalars: "DateTime cannot represent an invalid date-time-string <value>." (and Unix timestamp, non string type).
    .replace(/(cannot represent (?:an invalid date-time-string|an invalid Unix timestamp|non string or Date type)) [\s\S]*$/, '$1: <redacted>')
    .replace(/(cannot represent [^:]*value): [\s\S]*$/, '$1: <redacted>')
    // The printed literal may hold "; " itself: everything after "found" goes (a scalar's reason may quote it again).
    .replace(/(Expected value of type "[^"]+"), found [\s\S]*$/, '$1, found <redacted>')
    // graphql-js quotes the value unescaped (it may hold a quote): up to the last `" does not exist in`.
    .replace(/Value "[\s\S]*" does not exist in "([^"]+)" enum\./, 'The value does not exist in "$1" enum.');
}

/**
 * Where a value printed by graphql-js's `inspect` ends: strings are JSON-quoted (escapes skipped),
 * objects and arrays nest, anything else is one bare token. The value may hold `"; ` or ` at "`.
 */
function endOfPrintedValue(text: string): number {
  let depth = 0;
  let i = 0;
  do {
    const c = text[i];
    if (c === '"') {
      for (i += 1; i < text.length && text[i] !== '"'; i += 1) if (text[i] === '\\') i += 1;
      i += 1;
    } else if (c === '{' || c === '[') {
      depth += 1;
      i += 1;
    } else if (c === '}' || c === ']') {
      depth -= 1;
      i += 1;
    } else if (depth === 0) {
      const token = /^[^;\s]*/.exec(text.slice(i))![0];
      i += Math.max(token.length, 1);
    } else {
      i += 1;
    }
  } while (depth > 0 && i < text.length);
  return i;
}

/**
 * graphql-js echoes a badly typed variable back: `Variable "$i" got invalid value <the whole value>
 * at "i.pin"; <reason>` (SEC-3: the value may be a PIN or a password). The value is cut out where it
 * ends, the path and the reason stay, and the reason loses any value it quotes.
 */
function withoutEchoedValue(message: string): string {
  const head = /^Variable "\$([^"]+)" got invalid value /.exec(message);
  if (!head) return message;
  const rest = message.slice(head[0].length);
  const after = rest.slice(endOfPrintedValue(rest));
  const tail = /^(?: at "([^"]*)")?; ([\s\S]*)$/.exec(after);
  if (!tail) return `Variable "$${head[1]}" got an invalid value.`;
  const [, path, reason] = tail;
  return `Variable "$${head[1]}" got an invalid value${path ? ` at "${path}"` : ''}; ${withoutValues(reason)}`;
}

export interface ErrorFormatterOptions {
  /** Remove "Did you mean ...?" hints from every message (production): they map the schema for an attacker. */
  hideSuggestions?: boolean;
}

/** Expected errors reach the client as they are; everything else is a bug, masked and logged. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError || uncodedRequestProblem(original)) return true;
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
}

/**
 * The code of a request problem that Apollo or graphql-js raise without one, which would otherwise be
 * masked as INTERNAL_SERVER_ERROR: graphql-js stopping after 50 bad variable values, or an Apollo
 * refusal that carries a 4xx ("provided sha does not match query" for a persisted query).
 */
function uncodedRequestProblem(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code !== undefined) return undefined;
  if (error.message.startsWith('Too many errors processing variables')) return 'BAD_USER_INPUT';
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'BAD_REQUEST' : undefined;
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
    const code = uncodedRequestProblem(original) ?? (extensions.code as string | undefined);
    if (code !== undefined && REQUEST_ERROR_CODES.has(code)) {
      // A query-limit refusal carries its reason (a declared refusal value); nothing else is kept.
      const reason = typeof extensions.reason === 'string' && declaredRefusalValues().has(extensions.reason) ? { reason: extensions.reason } : {};
      return { ...formatted, message: clean(withoutValues(withoutEchoedValue(formatted.message))), extensions: { code, ...reason } };
    }
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
