import { In, type EntityManager } from 'typeorm';
import { visibleQuery } from '../../authorization/visible-query';
import { AccessRefusal, type AccessTarget, requireAccess } from '../../authorization/require-access';
import { keysetPage, type Page } from '../../common/connection';
import { conflict, forbidden, InputProblems } from '../../common/errors';
import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { ContactMethod, SelfServiceStatus } from '../contacts/contact-enums';
import { auditReadsUnderGrant } from '../contacts/grant-read-audit';
import { SpecialRequirementType, SpecialRequirementValue } from '../preferences/preference-enums';
import { SpecialRequirement } from '../preferences/special-requirement.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { LetterChannel, LetterFormat, LetterStatus, LetterTemplate } from './letter-enums';
import { Letter } from './letter.entity';
import type { LetterFilter } from './letter-inputs';
import { templatesFor } from './letter-templates';
import { ContactDisability } from '../preferences/contact-disability.entity';
import { LetterRefusal } from './letter-refusals';

/** LET-4: a contact on SELF_SERVICE (and active there) gets letters online with an email notice. */
export const channelFor = (contact: Contact) =>
  contact.preferredContactMethod === ContactMethod.SELF_SERVICE && contact.selfServiceStatus === SelfServiceStatus.REGISTERED_ACTIVE
    ? LetterChannel.ONLINE
    : LetterChannel.POST;

/**
 * LET-3: the format the contact's SIGHT requirements ask for (PREF-4). Braille wins over large
 * print when both are recorded: a reader of braille cannot use large print, the reverse is rarer.
 */
export async function letterFormatFor(tx: EntityManager, contactId: string): Promise<LetterFormat> {
  const rows = await tx.find(SpecialRequirement, {
    select: { value: true },
    where: { contactId, type: SpecialRequirementType.SIGHT },
  });
  const values = new Set(rows.map((row) => row.value));
  if (values.has(SpecialRequirementValue.BRAILLE)) return LetterFormat.BRAILLE;
  if (values.has(SpecialRequirementValue.LARGE_PRINT)) return LetterFormat.LARGE_PRINT;
  return LetterFormat.STANDARD;
}

export interface LetterRequest {
  template: LetterTemplate;
  contactId: string;
  serviceRequestId?: string | null;
  /** A covering letter names the letter it covers (LET-3): its template, title and when the original went. */
  covers?: { template: LetterTemplate; title: string; sentAt: Date | null };
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
  const [requirements, disability] = await Promise.all([
    tx.find(SpecialRequirement, { where: { contactId: contact.id }, order: { type: 'ASC', value: 'ASC' } }),
    tx.findOne(ContactDisability, { where: { contactId: contact.id } }),
  ]);
  // LET-1: in the contact's preferred language (Welsh or English), every stored code shown as its label.
  const rendered = templatesFor(contact.preferredLanguage)[request.template]({
    contact,
    serviceRequest,
    caseNumbers: serviceRequest?.cases?.map((row) => row.caseNumber) ?? [],
    date: ctx.now,
    requirements,
    disability: disability?.category ?? null,
    covers: request.covers,
  });
  return tx.save(tx.create(Letter, {
    template: request.template,
    contactId: contact.id,
    serviceRequestId: serviceRequest?.id ?? null,
    status: LetterStatus.GENERATED,
    channel: channelFor(contact),
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

/** How far back letters count as "sent recently" for the warning of PREF-5. */
export const RECENT_LETTER_MS = 7 * 24 * 3600_000;

/** PREF-5: letters issued (generated or sent) to the contact in the last 7 days, oldest first. */
export function recentLetters(tx: EntityManager, contactId: string, now: Date): Promise<Letter[]> {
  return tx
    .createQueryBuilder(Letter, 'l')
    .where('l.contact_id = :contactId', { contactId })
    .andWhere('l.status IN (:...statuses)', { statuses: [LetterStatus.GENERATED, LetterStatus.SENT] })
    .andWhere('l.created_at > :since', { since: new Date(now.getTime() - RECENT_LETTER_MS) })
    .orderBy('l.created_at', 'ASC')
    .addOrderBy('l.id', 'ASC')
    .getMany();
}

// ---------------------------------------------------------------------------------------------
// Reading: a letter is the contact's personal data, so the role table lets it be read exactly when
// its contact may be (SCR-1, SCR-3); a self-service client reads their own, once sent.

const LETTER: AccessTarget<Letter> = { entity: Letter, subject: 'Letter', noun: 'Letter' };

const visibleLetters = (ctx: RequestContext) => visibleQuery(ctx, Letter, 'Letter', 'l');

/** Audits reads of sensitive contacts' letters under a grant (TAR-8), as for the contacts themselves. */
async function auditLetterReads(ctx: RequestContext, letters: Letter[]): Promise<void> {
  if (letters.length === 0 || ctx.principal?.kind !== 'staff') return;
  const contacts = await ctx.dataSource.manager.find(Contact, {
    select: { id: true, sensitive: true },
    where: { id: In([...new Set(letters.map((letter) => letter.contactId))]) },
  });
  await auditReadsUnderGrant(ctx, contacts);
}

/** A letter the caller may see, or null: a letter of a hidden contact answers like a missing id. */
export async function findVisibleLetter(ctx: RequestContext, id: string): Promise<Letter | null> {
  if (!isUuid(id)) return null;
  const letter = await visibleLetters(ctx).andWhere('l.id = :id', { id }).getOne();
  if (letter) await auditLetterReads(ctx, [letter]);
  return letter;
}

export async function listLetters(
  ctx: RequestContext,
  filter: LetterFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<Letter>> {
  const f = filter ?? {};
  const problems = new InputProblems();
  if (f.contactId != null) problems.check(isUuid(f.contactId), 'filter.contactId', 'is not a valid id');
  if (f.serviceRequestId != null) problems.check(isUuid(f.serviceRequestId), 'filter.serviceRequestId', 'is not a valid id');
  problems.throwIfAny();
  const base = () => {
    const qb = visibleLetters(ctx);
    if (f.contactId != null) qb.andWhere('l.contact_id = :contactId', { contactId: f.contactId });
    if (f.serviceRequestId != null) qb.andWhere('l.service_request_id = :srId', { srId: f.serviceRequestId });
    if (f.status?.length) qb.andWhere('l.status IN (:...statuses)', { statuses: f.status });
    if (f.template?.length) qb.andWhere('l.template IN (:...templates)', { templates: f.template });
    return qb;
  };
  const page = await keysetPage(ctx, base, {
    first, after, columns: ['l.created_at', 'l.id'], direction: 'DESC', keyOf: (letter) => [letter.createdAt.toISOString(), letter.id],
  });
  await auditLetterReads(ctx, page.nodes);
  return page;
}

// ---------------------------------------------------------------------------------------------
// Intents on one letter: each in one transaction with the letter row locked.

/** SR-5: a letter is cancelled or reissued by those who work its SR (and may see its contact). */
const lockLetter = (ctx: RequestContext, tx: EntityManager, id: string, action: 'cancel' | 'reissue') =>
  requireAccess(ctx, tx, LETTER, id, action, {
    explain: () => forbidden(`Only the caseworkers of the segment owning this letter's service request may ${action} it (SR-5).`, {
      reason: AccessRefusal.NOT_PERMITTED, action,
    }),
  });

/**
 * LET-2: a generated letter can be cancelled until the end-of-day batch picks it up. The row
 * lock orders a cancel and the batch: whichever comes second sees the other's result.
 */
export async function cancelLetter(ctx: RequestContext, id: string): Promise<Letter> {
  return ctx.dataSource.transaction(async (tx) => {
    const letter = await lockLetter(ctx, tx, id, 'cancel');
    if (letter.status === LetterStatus.SENT) {
      throw conflict('The letter was sent by the end-of-day batch and can no longer be cancelled.', { reason: LetterRefusal.LETTER_ALREADY_SENT, sentAt: letter.sentAt?.toISOString() });
    }
    if (letter.status === LetterStatus.CANCELLED) {
      throw conflict('The letter is already cancelled.', { reason: LetterRefusal.LETTER_ALREADY_CANCELLED });
    }
    letter.status = LetterStatus.CANCELLED;
    letter.cancelledAt = ctx.now;
    // A reissue goes with its covering letter: cancelling the copy cancels the letter that covers it.
    await tx.update(Letter, { coversLetterId: letter.id, status: LetterStatus.GENERATED }, { status: LetterStatus.CANCELLED, cancelledAt: ctx.now });
    return tx.save(letter);
  });
}

export interface Reissue {
  reissue: Letter;
  coveringLetter: Letter;
}

/**
 * LET-3: a reissue is an exact copy of a sent letter (same template, title and text, dated as
 * the original) with a covering letter rendered now. Both go by the contact's channel and in the
 * format their requirements ask for today, e.g. large print recorded since the original.
 */
export async function reissueLetter(ctx: RequestContext, id: string): Promise<Reissue> {
  return ctx.dataSource.transaction(async (tx) => {
    const original = await lockLetter(ctx, tx, id, 'reissue');
    if (original.status !== LetterStatus.SENT) {
      throw conflict('Only a sent letter can be reissued; a generated one has not gone out yet.', { reason: LetterRefusal.LETTER_NOT_SENT, status: original.status });
    }
    const contact = await tx.findOneByOrFail(Contact, { id: original.contactId });
    const reissue = await tx.save(tx.create(Letter, {
      template: original.template,
      contactId: original.contactId,
      serviceRequestId: original.serviceRequestId,
      status: LetterStatus.GENERATED,
      channel: channelFor(contact),
      format: await letterFormatFor(tx, contact.id),
      title: original.title,
      body: original.body,
      reissueOfId: original.id,
      coversLetterId: null,
      createdAt: ctx.now,
      sentAt: null,
      cancelledAt: null,
      emailNoticeAt: null,
    }));
    const covering = await generateLetter(ctx, tx, {
      template: LetterTemplate.COVERING_REISSUE,
      contactId: original.contactId,
      serviceRequestId: original.serviceRequestId,
      covers: { template: original.template, title: original.title, sentAt: original.sentAt },
    });
    covering.coversLetterId = reissue.id;
    return { reissue, coveringLetter: await tx.save(covering) };
  });
}
