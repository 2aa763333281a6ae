import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../server/context';
import { Contact } from '../contacts/contact.entity';
import { ContactMethod, SelfServiceStatus } from '../contacts/contact-enums';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { LetterChannel, LetterFormat, LetterStatus, type LetterTemplate } from './letter-enums';
import { Letter } from './letter.entity';
import { TEMPLATES } from './letter-templates';

/** LET-4: a contact on SELF_SERVICE (and active there) gets letters online with an email notice. */
export const channelFor = (contact: Contact) =>
  contact.preferredContactMethod === ContactMethod.SELF_SERVICE && contact.selfServiceStatus === SelfServiceStatus.REGISTERED_ACTIVE
    ? LetterChannel.ONLINE
    : LetterChannel.POST;

/**
 * LET-3: the format the contact's special requirements ask for. Until special requirements are
 * recorded (PREF-4) every contact reads standard print.
 */
export async function letterFormatFor(_tx: EntityManager, _contactId: string): Promise<LetterFormat> {
  return LetterFormat.STANDARD;
}

export interface LetterRequest {
  template: LetterTemplate;
  contactId: string;
  serviceRequestId?: string | null;
}

/**
 * Generates a letter in the caller's transaction: rendered from the record now (LET-1), with
 * channel (LET-4) and format (LET-3) decided from the contact. Reads the contact without the
 * caller's row rule on purpose: a procedure step may write to a contact whose details the
 * caseworker cannot see; the letter itself is then visible only to those who may see the contact.
 */
export async function generateLetter(ctx: RequestContext, tx: EntityManager, request: LetterRequest): Promise<Letter> {
  const contact = await tx.findOneByOrFail(Contact, { id: request.contactId });
  const serviceRequest = request.serviceRequestId
    ? await tx.findOne(ServiceRequest, { where: { id: request.serviceRequestId }, relations: { cases: true } })
    : null;
  const rendered = TEMPLATES[request.template]({
    contact,
    serviceRequest,
    caseNumbers: serviceRequest?.cases?.map((row) => row.caseNumber) ?? [],
    date: ctx.now,
  });
  const channel = channelFor(contact);
  return tx.save(tx.create(Letter, {
    template: request.template,
    contactId: contact.id,
    serviceRequestId: serviceRequest?.id ?? null,
    status: LetterStatus.GENERATED,
    channel,
    format: await letterFormatFor(tx, contact.id),
    title: rendered.title,
    body: rendered.body,
    reissueOfId: null,
    coversLetterId: null,
    createdAt: ctx.now,
    sentAt: null,
    cancelledAt: null,
    emailNoticeAt: null,
  }));
}
