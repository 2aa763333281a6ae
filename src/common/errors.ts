import { GraphQLEnumType, GraphQLError } from 'graphql';

/** Stable error codes of the API contract, in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** Too many requests in the window (HTTP 429 with Retry-After). */
  RATE_LIMITED = 'RATE_LIMITED',
}

/**
 * Codes Apollo and graphql-js give to problems of the request itself, found before any resolver
 * runs; they reach the caller as they are (the error formatter keeps them, masks anything else).
 */
export enum RequestErrorCode {
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST = 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
}

/** The closed list of `extensions.code` values an answer can carry, with what each means (in the schema as `ErrorCode`). */
export const ERROR_CODES: Record<ErrorCode | RequestErrorCode, string> = {
  UNAUTHENTICATED: 'No valid bearer token, or its person is inactive (HTTP 401).',
  FORBIDDEN: 'Signed in, but no rule of your role or grants allows this; `reason` says which refusal.',
  NOT_FOUND: 'No such row, or one you may not see (the two are indistinguishable).',
  BAD_USER_INPUT: 'Input at fault: `fields` names each field and problem; or, with `reason`, a refusal of the request (e.g. TOO_COSTLY).',
  CONFLICT: "The row's state does not allow it now (a rule, a stale version or a race); `reason` says which.",
  INTERNAL_SERVER_ERROR: 'A bug or an unexpected failure; the detail is in the log only, under the request id.',
  SERVICE_UNAVAILABLE: 'The database cannot be reached; retry after `Retry-After` seconds (HTTP 503).',
  RATE_LIMITED: 'Too many requests in the window; retry after `retryAfterSeconds` (HTTP 429).',
  GRAPHQL_PARSE_FAILED: 'The document is not GraphQL, or has more than 3,000 tokens (HTTP 400).',
  GRAPHQL_VALIDATION_FAILED: 'The document does not fit the schema, or breaks a query limit (`reason`) (HTTP 400).',
  BAD_REQUEST: 'The HTTP request is malformed (e.g. not JSON, missing query, CSRF header).',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run is missing or ambiguous: name it.',
  PERSISTED_QUERY_NOT_FOUND: 'An automatic persisted query the server does not have: send the full document.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not supported here.',
};

export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([...Object.values(RequestErrorCode), ErrorCode.BAD_USER_INPUT]);

/** The codes as a schema enum, so the contract lists them (added by the composition root). */
export const errorCodeEnumType = () => new GraphQLEnumType({
  name: 'ErrorCode',
  description: 'Values of `extensions.code` in errors: the closed list. Refusals add `extensions.reason`, a value of one of the *Refusal enums.',
  values: Object.fromEntries(Object.entries(ERROR_CODES).map(([value, description]) => [value, { value, description }])),
});

export interface FieldProblem {
  field: string;
  message: string;
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { [ErrorCode.UNAUTHENTICATED]: 401 };

/** An expected failure: its message and code reach the client as they are. */
export class AppError extends GraphQLError {
  constructor(readonly code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    super(message, { extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) } });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'Sign in with a valid bearer token.') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = 'You are not allowed to do this.', extensions: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.FORBIDDEN, message, extensions);

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);

export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.CONFLICT, message, extensions);

/** Bad input, naming every field at fault so a form can show them all at once. */
export const badUserInput = (fields: FieldProblem[]) =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `Invalid input: ${fields.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`,
    { fields },
  );

/** Collects field problems and throws them together. */
export class InputProblems {
  private readonly problems: FieldProblem[] = [];

  add(field: string, message: string): this {
    this.problems.push({ field, message });
    return this;
  }

  check(condition: boolean, field: string, message: string): this {
    if (!condition) this.add(field, message);
    return this;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw badUserInput(this.problems);
  }
}
