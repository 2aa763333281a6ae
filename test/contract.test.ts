import { getNamedType, type GraphQLNamedType, type GraphQLType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { buildAppSchema } from '../src/server/schema';

const isFloat = (type: GraphQLType) => (getNamedType(type) as GraphQLNamedType).name === 'Float';

/** Issue 8 point 10: the contract says what a screen needs: whole numbers are Int. */
describe('contract', () => {
  it('counts and versions are Int: no field or argument of the contract is a Float', () => {
    const floats: string[] = [];
    for (const type of Object.values(buildAppSchema().getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const [name, field] of Object.entries(type.getFields())) {
          if (isFloat(field.type)) floats.push(`${type.name}.${name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (isFloat(arg.type)) floats.push(`${type.name}.${name}(${arg.name})`);
          }
        }
      }
    }
    expect(floats).toEqual([]);
  });
});
