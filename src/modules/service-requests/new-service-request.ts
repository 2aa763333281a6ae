import type { EntityManager } from 'typeorm';
import { Case } from '../cases/case.entity';
import type { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from './service-request.entity';
import { type SrKind, SrSourceType, SrStatus, SubjectType } from './sr-enums';
import { SR_KINDS } from './sr-kinds';
import { casesOfFirstSegment, ownershipFromCases } from './sr-ownership';

/** SR-4, SEC-7: an SR raised through self service is due within 24 hours. */
export const SELF_SERVICE_DUE_MS = 24 * 3600_000;

type RequiredFields = Pick<ServiceRequest, 'kind' | 'sourceType' | 'subjectContactId' | 'subjectType' | 'segment'>;
type OptionalFields = Partial<Pick<ServiceRequest, 'sourceFirstName' | 'sourceLastName' | 'sourceRole' | 'ownerId' | 'nextActionDue'>>;

/**
 * A new, unsaved SR (SR-1): process, area and sub area come from its kind, it starts OPEN, and
 * its timestamps come from the request clock. The one place an SR is put together.
 */
export function newServiceRequest(
  tx: EntityManager,
  now: Date,
  fields: RequiredFields & OptionalFields & { cases: Case[] },
): ServiceRequest {
  const kind = SR_KINDS[fields.kind];
  return tx.create(ServiceRequest, {
    process: kind.process,
    area: kind.area,
    subArea: kind.subArea,
    sourceFirstName: null,
    sourceLastName: null,
    sourceRole: null,
    ownerId: null,
    nextActionDue: null,
    status: SrStatus.OPEN,
    subStatus: null,
    resolutionCode: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  });
}

/** The cases a client is party to, lowest case number first. */
export function casesOfContact(tx: EntityManager, contactId: string): Promise<Case[]> {
  return tx
    .createQueryBuilder(Case, 'k')
    .innerJoin('case_party', 'p', 'p.case_id = k.id AND p.contact_id = :contactId', { contactId })
    .orderBy('k.case_number', 'ASC')
    .getMany();
}

/**
 * An SR a client raises about themselves through self service (SEC-7, SR-4): unowned, due within
 * 24 hours, about the cases of the segment owning their first case, with the subject type and
 * segment the data gives (SR-7; the SCR segment for a sensitive client).
 */
export async function newSelfServiceRequest(
  tx: EntityManager,
  now: Date,
  kind: SrKind,
  contact: Contact,
  allCases: Case[],
  reporterNamed = false,
): Promise<ServiceRequest> {
  const cases = casesOfFirstSegment(allCases);
  const ownership = await ownershipFromCases(tx, contact, cases);
  const payer = ownership.subjectType === SubjectType.NRP;
  return newServiceRequest(tx, now, {
    kind,
    sourceType: payer ? SrSourceType.NRP_SELF_SERVICE : SrSourceType.PWC_SELF_SERVICE,
    sourceFirstName: reporterNamed ? contact.firstName : null,
    sourceLastName: reporterNamed ? contact.lastName : null,
    sourceRole: ownership.subjectType,
    subjectContactId: contact.id,
    subjectType: ownership.subjectType,
    cases,
    segment: ownership.segment,
    nextActionDue: new Date(now.getTime() + SELF_SERVICE_DUE_MS),
  });
}
