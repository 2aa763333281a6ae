import { Not, type EntityManager } from 'typeorm';
import { ContactKind } from '../contacts/contact-enums';
import type { Contact } from '../contacts/contact.entity';
import { RepresentativeLink } from '../contacts/representative-link.entity';
import { SrKind, SrStatus } from '../service-requests/sr-enums';
import { ServiceRequest } from '../service-requests/service-request.entity';
import {
  csaArrearsOnlyRefusal, employerRepresentativeRefusal, notSetUpRefusal, refuse, representativeRefusal, SecurityRefusal,
} from './security-errors';
import { SecurityAccount } from './security-account.entity';

/*
 * The rules deciding whether a contact may have, or change, security details. Kept free of the
 * SR service so the SR core can apply them when an SR of a security kind is raised.
 */

/**
 * SEC-8: no security (TAM) account for a manually built CSA-arrears-only case. Refused when a
 * case the SR is about is one, or when every case the contact is on (for a representative: the
 * cases of the clients they act for) is one.
 */
export async function isCsaArrearsOnly(tx: EntityManager, contactId: string, linkedCaseIds: string[]): Promise<boolean> {
  const rows: { csa: boolean; linked: boolean }[] = await tx.query(
    `SELECT k.csa_arrears_only AS csa, (k.id = ANY($2::uuid[])) AS linked
       FROM "case" k
      WHERE k.id = ANY($2::uuid[])
         OR k.id IN (SELECT p.case_id FROM case_party p WHERE p.contact_id = $1)
         OR k.id IN (SELECT p.case_id FROM case_party p JOIN representative_link l ON l.client_id = p.contact_id
                      WHERE l.representative_id = $1)`,
    [contactId, linkedCaseIds],
  );
  if (rows.some((row) => row.linked && row.csa)) return true;
  return rows.length > 0 && rows.every((row) => row.csa);
}

/** REP-2: a representative acting only as an employer has no security questions. */
export async function isEmployerRepresentative(tx: EntityManager, contact: Contact): Promise<boolean> {
  if (contact.kind !== ContactKind.REPRESENTATIVE) return false;
  const links = await tx.find(RepresentativeLink, { where: { representativeId: contact.id }, select: { id: true, employer: true } });
  return links.length > 0 && links.every((link) => link.employer);
}

/** SEC-1, SEC-2, SEC-8, REP-2: whether security can be set up for the contact now. */
export async function assertSetUpPossible(tx: EntityManager, contact: Contact, linkedCaseIds: string[]): Promise<void> {
  if (await isEmployerRepresentative(tx, contact)) throw employerRepresentativeRefusal();
  if (await isCsaArrearsOnly(tx, contact.id, linkedCaseIds)) throw csaArrearsOnlyRefusal();
  const account = await tx.findOne(SecurityAccount, { where: { contactId: contact.id }, select: { contactId: true, onDefaults: true } });
  if (account && !account.onDefaults) {
    throw refuse(
      SecurityRefusal.SECURITY_ALREADY_SET_UP,
      'Security details are already set up for this contact; use a change of security details (CHANGE_SECURITY_DETAILS) instead.',
      { procedure: 'Change - Security Details' },
    );
  }
}

/** REP-1: never for a representative, whatever the path. */
export function assertNotRepresentative(contact: Pick<Contact, 'kind'>): void {
  if (contact.kind === ContactKind.REPRESENTATIVE) throw representativeRefusal();
}

/** REP-1, SEC-8, SEC-9 and one open change at a time: whether a change SR may be raised. */
export async function assertChangeAllowed(tx: EntityManager, contact: Contact, linkedCaseIds: string[]): Promise<void> {
  assertNotRepresentative(contact);
  // Serialises raising changes for one contact, so two at once cannot both pass the check below.
  await tx.query('SELECT 1 FROM contact WHERE id = $1 FOR UPDATE', [contact.id]);
  if (await isCsaArrearsOnly(tx, contact.id, linkedCaseIds)) throw csaArrearsOnlyRefusal();
  if (!(await tx.exists(SecurityAccount, { where: { contactId: contact.id } }))) throw notSetUpRefusal();
  const open = await tx.findOne(ServiceRequest, {
    where: { subjectContactId: contact.id, kind: SrKind.CHANGE_SECURITY_DETAILS, status: Not(SrStatus.CLOSED) },
    select: { id: true },
  });
  if (open) {
    throw refuse(SecurityRefusal.CHANGE_ALREADY_OPEN, 'A change of security details is already open for this contact.', {
      serviceRequestId: open.id,
    });
  }
}

/** Applied by the SR core when any SR is raised: the rules of the security kinds, on every path. */
export async function assertSecurityRulesForNewServiceRequest(
  tx: EntityManager,
  kind: SrKind,
  contact: Contact,
  linkedCaseIds: string[],
): Promise<void> {
  if (kind === SrKind.SECURITY_SET_UP) await assertSetUpPossible(tx, contact, linkedCaseIds);
  if (kind === SrKind.CHANGE_SECURITY_DETAILS) await assertChangeAllowed(tx, contact, linkedCaseIds);
}
