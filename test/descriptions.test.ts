import {
  buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../src/server/schema';

/**
 * The contract documents itself (issue 8): every type, field, argument and enum value carries a
 * description in plain words a front-end developer understands. Descriptions live in the code
 * (type-graphql options, registerEnumType valuesConfig, declareRefusals meanings).
 */

/** Every element of the schema without a (non-blank) description, as `Type`, `Type.field`, `Type.field(arg)`, `Enum.VALUE`. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (text: string | null | undefined) => !text?.trim();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

/**
 * Not yet described: these elements are declared in files other work had open when the rest of
 * the contract was documented. Describe them in their file and delete them here; the second test
 * fails as soon as an entry is no longer needed, so the list only ever shrinks.
 */
const NOT_YET_DESCRIBED: Record<string, string[]> = {
};

describe('the contract is documented', () => {
  const missing = undocumented(buildAppSchema());
  const excepted = Object.values(NOT_YET_DESCRIBED).flat();

  it('every type, field, argument and enum value has a description (apart from the listed exceptions)', () => {
    expect(missing.filter((element) => !excepted.includes(element))).toEqual([]);
  });

  it('the exception list is exact: every listed element still lacks a description', () => {
    expect(excepted.filter((element) => !missing.includes(element))).toEqual([]);
    expect(new Set(excepted).size).toBe(excepted.length);
  });

  it('the walk finds every kind of undocumented element', () => {
    const schema = buildSchema(`
      "Documented." type Query { "Documented." a(x: Int): String, b("Documented." y: Int): Kind }
      enum Kind { "Documented." ONE TWO }
      "Documented." input In { c: Int, "  " d: Int }
      type Extra { "Documented." e: In }
    `);
    expect(undocumented(schema)).toEqual(['Extra', 'In.c', 'In.d', 'Kind', 'Kind.TWO', 'Query.a(x)', 'Query.b'].sort());
  });
});
