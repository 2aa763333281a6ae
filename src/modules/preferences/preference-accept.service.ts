import type { EntityManager } from 'typeorm';
import { conflict, InputProblems, notFound } from '../../common/errors';
import { requireUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Segment } from '../../authorization/roles';
import { Case } from '../cases/case.entity';
import { ClientRole, PreferredLanguage } from '../contacts/contact-enums';
import type { Contact } from '../contacts/contact.entity';
import { LetterTemplate } from '../letters/letter-enums';
import type { Letter } from '../letters/letter.entity';
import { generateLetter, recentLetters } from '../letters/letter.service';
import { takeOwnership } from '../security/security-sr';
import { SrStatus, SubjectType } from '../service-requests/sr-enums';
import type { SrActionInput } from '../service-requests/sr-inputs';
import type { ServiceRequest } from '../service-requests/service-request.entity';
import { actOnServiceRequest, addNote, moveStatus } from '../service-requests/service-request.service';
import { changeSrState } from '../service-requests/sr-history';
import { moveOpenServiceRequestsWithCases } from '../service-requests/sr-ownership';
import { PreferenceChange } from './preference-change.entity';
import { COC_ACCEPTED_RESOLUTION, PreferenceActivity, PreferenceField, PreferenceSubStatus } from './preference-enums';
import { PreferenceRefusal } from './preference-refusals';
import { assertPreferencesSr, lockContact, markActivity } from './preferences.service';
import { ActivityOutcome } from '../service-requests/activity-outcome';

export interface AcceptedChange {
  serviceRequest: ServiceRequest;
  letter: Letter;
  recentLetters: Letter[];
  movedCases: Case[];
  smsSent: boolean;
}

export interface AcceptOptions {
  /** Seed 002 step 10: an SMS as well as the letter (never instead of it). */
  notifyBySms?: boolean | null;
}

/**
 * PREF-5 (seed 002 steps 8-11): CoC accepted, the confirmation letter to the receiving (CMSL9547)
 * or paying parent (CMSL9548), the SR closed as COMPLETE; with the letters of the last 7 days
 * the client must be told about. PREF-6: a paying parent whose language became Welsh in this SR
 * moves with their case group to the WELSH segment. A self-service SR has no owner until a
 * caseworker accepts it: then it is theirs, as a self-service security change is.
 */
export async function acceptContactPreferencesChange(ctx: RequestContext, input: SrActionInput, options: AcceptOptions = {}): Promise<AcceptedChange> {
  requireUuid(input.id, 'id');
  return (await actOnServiceRequest(ctx, input, async (tx, sr): Promise<AcceptedChange> => {
    assertPreferencesSr(sr);
    if (sr.subStatus !== PreferenceSubStatus.CONTACT_DETAILS) {
      throw conflict('Record the new contact preferences before accepting the change.', { reason: PreferenceRefusal.NO_CHANGE_RECORDED });
    }
    const contact = await lockContact(tx, sr.subjectContactId);
    if (!contact) throw notFound('Service request');
    const role = sr.subjectType === SubjectType.REPRESENTATIVE ? contact.clientRole : sr.subjectType;
    if (!role) throw conflict('The confirmation letter goes to a receiving or paying parent only.', { reason: PreferenceRefusal.NOT_A_PARENT });
    if (options.notifyBySms && !contact.phone) {
      new InputProblems().add('notifyBySms', 'no phone number is held for an SMS: the confirmation letter is sent on its own').throwIfAny();
    }

    const earlier = await recentLetters(tx, contact.id, ctx.now);
    takeOwnership(ctx, sr);
    changeSrState(ctx, sr, { subStatus: PreferenceSubStatus.COC_ACCEPTED });
    sr.resolutionCode = COC_ACCEPTED_RESOLUTION;
    const letter = await generateLetter(ctx, tx, {
      template: role === ClientRole.PWC ? LetterTemplate.CMSL9547 : LetterTemplate.CMSL9548,
      contactId: contact.id,
      serviceRequestId: sr.id,
    });
    await markActivity(ctx, tx, sr, PreferenceActivity.LETTER,
      options.notifyBySms ? ActivityOutcome.LETTER_GENERATED_AND_SMS_SENT : ActivityOutcome.LETTER_GENERATED, letter.template);
    if (options.notifyBySms) await addNote(ctx, tx, sr, `SMS sent to confirm the contact preferences have been updated (in addition to ${letter.template}).`);
    const movedCases = role === ClientRole.NRP ? await moveWelshCaseGroup(tx, sr, contact) : [];
    if (movedCases.length > 0) {
      await addNote(ctx, tx, sr, `Preferred language now Welsh: case(s) ${movedCases.map((row) => row.caseNumber).join(', ')} moved to the WELSH segment.`);
    }
    moveStatus(ctx, sr, SrStatus.CLOSED, PreferenceSubStatus.COMPLETE);
    sr.nextActionDue = null;
    return { serviceRequest: sr, letter, recentLetters: earlier, movedCases, smsSent: Boolean(options.notifyBySms) };
  })) as AcceptedChange;
}

/**
 * PREF-6: when this SR changed a paying parent's language to Welsh (and it still is), every case
 * they are party to moves to the WELSH segment. Cases of the SCR segment stay there: sensitivity
 * outranks language (SCR-1).
 */
async function moveWelshCaseGroup(tx: EntityManager, sr: ServiceRequest, contact: Contact): Promise<Case[]> {
  if (contact.preferredLanguage !== PreferredLanguage.WELSH) return [];
  const becameWelsh = await tx.exists(PreferenceChange, {
    where: { serviceRequestId: sr.id, field: PreferenceField.PREFERRED_LANGUAGE, newValue: PreferredLanguage.WELSH },
  });
  if (!becameWelsh) return [];
  const cases = await tx
    .createQueryBuilder(Case, 'k')
    .innerJoin('case_party', 'p', 'p.case_id = k.id AND p.contact_id = :contactId', { contactId: contact.id })
    .where('k.segment NOT IN (:...kept)', { kept: [Segment.WELSH, Segment.SCR] })
    .orderBy('k.case_number', 'ASC')
    .getMany();
  if (cases.length === 0) return [];
  await tx.update(Case, cases.map((row) => row.id), { segment: Segment.WELSH });
  // SR-7: their open SRs move with them, this one included.
  const movedSrs = await moveOpenServiceRequestsWithCases(tx, cases.map((row) => row.id), Segment.WELSH);
  if (movedSrs.includes(sr.id)) {
    sr.segment = Segment.WELSH;
    sr.version += 1;
  }
  return cases.map((row) => Object.assign(row, { segment: Segment.WELSH }));
}
