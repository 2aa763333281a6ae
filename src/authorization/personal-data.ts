import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import type { AccessContext } from './access-context';
import type { SubjectType } from './ability';

/**
 * SCR-3: a contact's personal data follows its contact, field by field. Each module declares, once,
 * which fields of its types carry a contact's data and how to find that contact from the row; the
 * schema guard then answers null for those fields whenever the caller may not see that contact.
 * Fields of the same types that carry no personal data are declared too, so the schema-walk test
 * can fail on a field nobody classified.
 */
export interface PersonalDataDeclaration<Row = any, Ctx extends AccessContext = any> {
  /** The contact whose data the fields carry, from the row (may need a lookup). */
  contactOf: (ctx: Ctx, row: Row) => Promise<string | null> | string | null;
  /** Fields shown only to those who may see that contact. */
  personal: string[];
  /** Fields that carry no personal data of the contact (ids, codes, dates, states). */
  notPersonal: string[];
  /** Besides those who may see the contact, who else may see the personal fields of this row (e.g. the author of a form). */
  alsoShownTo?: (ctx: Ctx, row: Row) => boolean;
}

const declarations = new Map<string, PersonalDataDeclaration>();

/** Declares the personal-data fields of a GraphQL object type (by its schema name). */
export function declarePersonalData<Row, Ctx extends AccessContext = any>(typeName: string, declaration: PersonalDataDeclaration<Row, Ctx>): void {
  declarations.set(typeName, declaration as PersonalDataDeclaration);
}

export const personalDataDeclarations = (): ReadonlyMap<string, PersonalDataDeclaration> => declarations;

/**
 * SCR-5 and the nested side of SCR-1: a field whose type is itself a subject of the role table
 * (Staff, SrNote, AccessGrant...) resolves only when the caller may read that subject at all; a
 * self-service client therefore gets no staff record and no internal note wherever they nest.
 * Row rules for the rows that remain are applied by the module loaders in SQL.
 */
const SUBJECT_TYPES: Partial<Record<string, SubjectType>> = {
  Staff: 'Staff',
  Team: 'Team',
  SrNote: 'SrNote',
  Activity: 'Activity',
  PreferenceChange: 'PreferenceChange',
  Letter: 'Letter',
  AccessRequest: 'AccessRequest',
  AccessGrant: 'AccessGrant',
  AccessExtension: 'AccessExtension',
  Notification: 'Notification',
  AuditEvent: 'AuditEvent',
};

export type ContactVisibility<Ctx extends AccessContext = any> = (ctx: Ctx, contactId: string) => Promise<boolean>;

function wrap(field: GraphQLField<unknown, AccessContext>, gate: (ctx: AccessContext, source: any) => Promise<boolean>, empty: unknown) {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args, ctx, info) => ((await gate(ctx, source)) ? resolve(source, args, ctx, info) : empty);
}

/**
 * Installs both gates on the built schema (root fields keep their own policy guard). Called by the
 * composition root with the contacts module's visibility check, so the kernel imports no feature.
 */
export function guardPersonalData(schema: GraphQLSchema, contactVisible: ContactVisibility): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    const declaration = declarations.get(type.name);
    for (const field of Object.values(type.getFields())) {
      const subject = SUBJECT_TYPES[getNamedType(field.type).name];
      if (subject) {
        const listOf = getNamedType(field.type) !== field.type && String(field.type).includes('[');
        wrap(field, async (ctx) => ctx.ability.can('read', subject), listOf ? [] : null);
      }
      if (declaration?.personal.includes(field.name)) {
        wrap(field, async (ctx, row) => {
          if (declaration.alsoShownTo?.(ctx, row)) return true;
          const contactId = await declaration.contactOf(ctx, row);
          return contactId === null || (await contactVisible(ctx, contactId));
        }, null);
      }
    }
  }
  return schema;
}
