import { getNullableType, type GraphQLSchema } from 'graphql';

/**
 * Every root Query and Mutation field is nullable, whatever its resolver declares: a field that
 * fails (refused, not found, bad input) answers `null` with its error, and the other root fields of
 * the same operation keep their data. A non-null root field would null the whole `data` instead
 * (GraphQL's null propagation), so one refused field would wipe the answers of all the others, and
 * in a document of several mutations (run one after another) the ones after a refused mutation
 * would not run at all (issue 8 point 14). Mutation payloads are therefore nullable, as in Relay.
 * Nested fields keep their declared nullability.
 */
export function nullableRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) field.type = getNullableType(field.type);
  }
  return schema;
}
