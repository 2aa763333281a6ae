import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { refusalEnumTypes } from '../common/refusals';
import { buildSchemaSync } from 'type-graphql';
import { guardPersonalData } from '../authorization/personal-data';
import { guardRootFields } from '../authorization/policy';
import { contactById } from '../modules/contacts/contact.loaders';
// Each module's declaration of the fields carrying a contact's personal data (SCR-3).
import '../modules/access-requests/access.personal-data';
import '../modules/cases/cases.personal-data';
import '../modules/contacts/contacts.personal-data';
import '../modules/letters/letters.personal-data';
import '../modules/preferences/preferences.personal-data';
import '../modules/service-requests/sr.personal-data';
import { AccessGrantResolver } from '../modules/access-requests/access-grant.resolver';
import { AccessRequestResolver } from '../modules/access-requests/access-request.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { CasePartyResolver, CaseResolver } from '../modules/cases/case.resolver';
import { ContactResolver, RepresentativeLinkResolver } from '../modules/contacts/contact.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';
import { DueWorkResolver } from '../modules/due-work/due-work.resolver';
import { LetterResolver } from '../modules/letters/letter.resolver';
import {
  ContactPreferencesFieldResolver, ContactPreferencesResolver, ServiceRequestPreferencesResolver,
} from '../modules/preferences/preferences.resolver';
import { ServiceRequestResolver } from '../modules/service-requests/service-request.resolver';
import { SrStatusChangeResolver } from '../modules/service-requests/sr-history.resolver';
import { ContactSecurityResolver, SecurityResolver } from '../modules/security/security.resolver';
import { RepresentativeSecurityResolver } from '../modules/security/representative-security.resolver';
import { MeResolver, StaffResolver } from '../modules/staff/me.resolver';

export const RESOLVERS = [
  MeResolver,
  StaffResolver,
  ContactResolver,
  RepresentativeLinkResolver,
  CaseResolver,
  CasePartyResolver,
  ServiceRequestResolver,
  SrStatusChangeResolver,
  AccessRequestResolver,
  AccessGrantResolver,
  NotificationResolver,
  AuditResolver,
  LetterResolver,
  ContactPreferencesResolver,
  ContactPreferencesFieldResolver,
  ServiceRequestPreferencesResolver,
  DueWorkResolver,
  SecurityResolver,
  ContactSecurityResolver,
  RepresentativeSecurityResolver,
] as const;

let built: GraphQLSchema | undefined;

/** Lists every module's refusal reasons in the contract, so front-end teams can switch on them. */
const withRefusals = (schema: GraphQLSchema) => {
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ...refusalEnumTypes()] });
};

/**
 * The schema, built once from the resolver classes: every root field gets its policy guard, every
 * nested subject its read check, every personal-data field the visibility of its contact.
 */
export function buildAppSchema(): GraphQLSchema {
  built ??= withRefusals(guardPersonalData(
    guardRootFields(buildSchemaSync({ resolvers: [...RESOLVERS], validate: false, emitSchemaFile: false })),
    async (ctx, contactId) => (await contactById(ctx).load(contactId)) !== null,
  ));
  return built;
}

/** The committed contract: sorted so that the file changes only when the API does. */
export const printContract = (schema: GraphQLSchema = buildAppSchema()) =>
  `${printSchema(lexicographicSortSchema(schema))}\n`;
