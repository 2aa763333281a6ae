import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import { AppError, ErrorCode, type FieldProblem } from '../common/errors';
import { declareRefusals } from '../common/refusals';

export enum RequestRefusal {
  SUBSCRIPTIONS_NOT_SUPPORTED = 'SUBSCRIPTIONS_NOT_SUPPORTED',
}
declareRefusals('RequestRefusal', RequestRefusal, 'Why a request was refused before any resolver ran.', {
  SUBSCRIPTIONS_NOT_SUPPORTED: 'Subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP.',
});

/** Longest string any input may carry; every field has its own, smaller limit in its module. */
export const MAX_INPUT_STRING = 10_000;

function checkValue(value: unknown, path: string, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    // Postgres refuses NUL in text ("invalid byte sequence"): said here as bad input, not a 500.
    if (value.includes('\u0000')) problems.push({ field: path, message: 'contains a NUL character' });
    if (value.length > MAX_INPUT_STRING) problems.push({ field: path, message: `is longer than ${MAX_INPUT_STRING} characters` });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}[${i}]`, problems));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkValue(item, path ? `${path}.${key}` : key, problems);
  }
}

/**
 * The literal checks depend on the document only, and Apollo hands the same parsed document to
 * every request with the same text (its document store): checked once per document.
 */
const literalProblems = new WeakMap<DocumentNode, FieldProblem[]>();

function checkLiterals(document: DocumentNode, problems: FieldProblem[]): void {
  let found = literalProblems.get(document);
  if (!found) {
    found = [];
    literalsOf(document, found);
    literalProblems.set(document, found);
  }
  problems.push(...found);
}

function literalsOf(document: DocumentNode, problems: FieldProblem[]): void {
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes('\u0000')) problems.push({ field: 'query', message: 'a string literal contains a NUL character' });
      if (node.value.length > MAX_INPUT_STRING) problems.push({ field: 'query', message: `a string literal is longer than ${MAX_INPUT_STRING} characters` });
    },
  });
}

/**
 * Input checks every operation gets before any resolver runs: no NUL character and no string
 * beyond MAX_INPUT_STRING, in variables or in literals. The answer names the field, never the value.
 */
export const inputGuard: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation }) {
        // Subscriptions are served over WebSocket (websocket.ts): over HTTP say so with a code,
        // before graphql-js fails with a 500.
        if (operation?.operation === 'subscription') {
          throw new AppError(ErrorCode.BAD_USER_INPUT, 'Subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP.', {
            reason: RequestRefusal.SUBSCRIPTIONS_NOT_SUPPORTED,
            http: { status: 400 },
          });
        }
        const problems: FieldProblem[] = [];
        if (request.variables) checkValue(request.variables, '', problems);
        checkLiterals(document, problems);
        if (problems.length > 0) {
          throw new AppError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, {
            fields: problems,
            http: { status: 400 },
          });
        }
      },
    };
  },
};
