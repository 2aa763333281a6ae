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

describe('contract: one mutation shape (issue 8 point 10)', () => {
  it('every mutation takes one `input: <Name>Input!` (or nothing) and returns a nullable `<Name>Payload` (a refused one answers null and leaves the others)', () => {
    const mutation = buildAppSchema().getMutationType()!;
    const broken: string[] = [];
    for (const [name, field] of Object.entries(mutation.getFields())) {
      const pascal = name[0].toUpperCase() + name.slice(1);
      const args = field.args.map((arg) => `${arg.name}: ${String(arg.type)}`);
      if (args.length > 1 || (args.length === 1 && args[0] !== `input: ${pascal}Input!`)) broken.push(`${name}(${args.join(', ')})`);
      if (String(field.type) !== `${pascal}Payload`) broken.push(`${name}: ${String(field.type)}`);
    }
    expect(Object.keys(mutation.getFields()).length).toBeGreaterThan(30);
    expect(broken).toEqual([]);
  });
});

describe('contract: outcomes and warning codes are enums (issue 8 point 11)', () => {
  it('Activity.outcome is an ActivityOutcome (detail in outcomeNote), the outcome a caseworker records too; warning codes are enums', () => {
    const schema = buildAppSchema();
    const fieldType = (type: string, field: string) =>
      String((schema.getType(type) as import('graphql').GraphQLObjectType | import('graphql').GraphQLInputObjectType).getFields()[field].type);
    expect([fieldType('Activity', 'outcome'), fieldType('Activity', 'outcomeNote')]).toEqual(['ActivityOutcome', 'String']);
    expect([fieldType('RecordActivityOutcomeInput', 'outcome'), fieldType('RecordActivityOutcomeInput', 'outcomeNote')]).toEqual(['ActivityOutcome', 'String']);
    expect(fieldType('PreferenceWarning', 'code')).toBe('PreferenceWarningCode!');
    // No output field named code (or ending in Code) is free text.
    const stringCodes = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)))
      .flatMap((type) => Object.entries((type as import('graphql').GraphQLObjectType).getFields())
        .filter(([name, field]) => /(^c|C)ode$/.test(name) && (getNamedType(field.type) as GraphQLNamedType).name === 'String')
        .map(([name]) => `${type.name}.${name}`));
    expect(stringCodes).toEqual([]);
  });

  it('what kind of row an audit event is about, and who changed a preference, are enums (the audit filter takes the same)', () => {
    const schema = buildAppSchema();
    const fieldType = (type: string, field: string) =>
      String((schema.getType(type) as import('graphql').GraphQLObjectType | import('graphql').GraphQLInputObjectType).getFields()[field].type);
    expect([fieldType('AuditEvent', 'subjectType'), fieldType('AuditEventFilter', 'subjectType')]).toEqual(['AuditSubject!', 'AuditSubject']);
    expect(fieldType('PreferenceChange', 'actorType')).toBe('SrActorType!');
  });
});
