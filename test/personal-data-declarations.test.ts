import { getNamedType, isObjectType, isScalarType, isEnumType } from 'graphql';
import type { EntityMetadata } from 'typeorm';
import { personalDataDeclarations } from '../src/authorization/personal-data';
import { buildAppSchema } from '../src/server/schema';
import { openTestDatabase } from './support/database';
import type { OpenDatabase } from '../src/database/open-database';

/**
 * SCR-3: every GraphQL type backed by an entity that reaches a contact (directly or through one
 * more relation) declares each of its scalar fields as carrying that contact's personal data or
 * not. A new field on such a type fails here until someone decides which it is.
 */

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase({ runMigrations: false });
});
afterAll(() => database.close());

function reachesContact(metadata: EntityMetadata, depth = 2): boolean {
  if (depth === 0) return false;
  return metadata.relations.some((relation) =>
    relation.inverseEntityMetadata.name === 'Contact' || reachesContact(relation.inverseEntityMetadata, depth - 1));
}

describe('SCR-3: personal data is declared field by field', () => {
  it('SCR-3: each scalar field of a type that reaches a contact is declared personal or not personal', () => {
    const schema = buildAppSchema();
    const declarations = personalDataDeclarations();
    const carriers = database.dataSource.entityMetadatas
      .filter((metadata) => metadata.name !== 'Contact' && reachesContact(metadata))
      .map((metadata) => metadata.name)
      .filter((name) => isObjectType(schema.getType(name)));
    expect(carriers).toEqual(expect.arrayContaining(['ServiceRequest', 'Activity', 'SrNote', 'PreferenceChange', 'Letter', 'AccessRequest']));

    const undeclared: string[] = [];
    for (const typeName of carriers) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) continue;
      const declaration = declarations.get(typeName);
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (!isScalarType(named) && !isEnumType(named)) continue; // objects are gated by their own rules
        const known = declaration && (declaration.personal.includes(field.name) || declaration.notPersonal.includes(field.name));
        if (!known) undeclared.push(`${typeName}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('SCR-3: every declared field exists, and none is both personal and not', () => {
    const schema = buildAppSchema();
    for (const [typeName, declaration] of personalDataDeclarations()) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema`);
      const fields = Object.keys(type.getFields());
      expect({ typeName, missing: [...declaration.personal, ...declaration.notPersonal].filter((name) => !fields.includes(name)) })
        .toEqual({ typeName, missing: [] });
      expect(declaration.personal.filter((name) => declaration.notPersonal.includes(name))).toEqual([]);
      // A personal field answers null when hidden, so it must be nullable in the contract.
      for (const name of declaration.personal) expect(`${typeName}.${name}: ${String(type.getFields()[name].type)}`).not.toMatch(/!$/);
    }
  });
});
