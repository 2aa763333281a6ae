import type { EntityManager } from 'typeorm';
import { visibleQuery } from '../../authorization/visible-query';
import { InputProblems, notFound } from '../../common/errors';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import type { SrKind } from '../service-requests/sr-enums';
import type { ServiceRequest } from '../service-requests/service-request.entity';

/** Shared steps of the security procedures on an SR already locked by actOnServiceRequest. */

export function requireKind(sr: ServiceRequest, kind: SrKind, field: string): void {
  if (sr.kind !== kind) new InputProblems().add(field, `must be a ${kind} service request`).throwIfAny();
}

/** The SR's subject, which the caller must be allowed to see to handle its security details. */
export async function visibleSubject(ctx: RequestContext, tx: EntityManager, sr: ServiceRequest): Promise<Contact> {
  const contact = await visibleQuery(ctx, Contact, 'Contact', 'c', 'read', tx).andWhere('c.id = :id', { id: sr.subjectContactId }).getOne();
  if (!contact) throw notFound('Contact');
  return contact;
}

export async function linkedCaseIds(tx: EntityManager, sr: ServiceRequest): Promise<string[]> {
  const rows: { case_id: string }[] = await tx.query('SELECT case_id FROM service_request_case WHERE service_request_id = $1', [sr.id]);
  return rows.map((row) => row.case_id);
}

/** A worked SR without an owner (raised through self service) becomes the worker's. */
export function takeOwnership(ctx: RequestContext, sr: ServiceRequest): void {
  if (!sr.ownerId && ctx.principal?.kind === 'staff') sr.ownerId = ctx.principal.staff.id;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const addDays = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);
