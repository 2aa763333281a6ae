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

describe('contract: lists a screen needs are enums (issue 8 point 10)', () => {
  it('SR-1: process, area, sub area, sub status and resolution of a service request are enums; status history too', () => {
    const schema = buildAppSchema();
    const sr = schema.getType('ServiceRequest') as import('graphql').GraphQLObjectType;
    const typeOf = (field: string) => (getNamedType(sr.getFields()[field].type) as GraphQLNamedType).name;
    expect(['process', 'area', 'subArea', 'subStatus', 'resolutionCode'].map(typeOf))
      .toEqual(['SrProcess', 'SrArea', 'SrSubArea', 'SrSubStatus', 'SrResolution']);
    const step = schema.getType('SrStatusChange') as import('graphql').GraphQLObjectType;
    expect((getNamedType(step.getFields().toSubStatus.type) as GraphQLNamedType).name).toBe('SrSubStatus');
    const values = (name: string) => (schema.getType(name) as import('graphql').GraphQLEnumType).getValues().map((value) => value.name);
    // One spelling: COMPLETE, never COMPLETED (issue 8).
    expect(values('SrSubStatus')).toContain('COMPLETE');
    expect(values('SrSubStatus')).not.toContain('COMPLETED');
  });
});
