import { getMetadataStorage } from 'type-graphql';

/**
 * type-graphql wraps every field that has no resolver of its own in a function that builds a
 * resolver-data object and runs the field's middleware chain, empty or not, before reading the
 * property: on a page of 20 contacts that is a hundred wrappers per request for nothing. We use no
 * type-graphql middleware, auth checker or roles (our guards are installed on the built schema:
 * policy.ts, personal-data.ts), so such fields are marked `simple`: graphql-js reads the property
 * (or runs its getter) itself. A field with middlewares or roles, or whose schema name is not its
 * property's, keeps type-graphql's resolver. Runs before the schema is built.
 */
export function readPlainFieldsDirectly(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple !== undefined || field.middlewares?.length || field.roles?.length || field.schemaName !== field.name) continue;
    field.simple = true;
  }
}
