import { Not, type EntityManager } from 'typeorm';
import { SrResolution, SrSubStatus } from '../service-requests/sr-classification';
import { forbidden, InputProblems, notFound } from '../../common/errors';
import { optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { LetterStatus, LetterTemplate } from '../letters/letter-enums';
import { Letter } from '../letters/letter.entity';
import { generateLetter } from '../letters/letter.service';
import { Activity } from '../service-requests/activity.entity';
import { ActivityOutcome } from '../service-requests/activity-outcome';
import { ActivityStatus, SrKind, SrSourceType, SrStatus } from '../service-requests/sr-enums';
import type { SrActionInput } from '../service-requests/sr-inputs';
import { SR_KINDS } from '../service-requests/sr-kinds';
import { ServiceRequest } from '../service-requests/service-request.entity';
import {
  actOnServiceRequest, addNote, completeActivity, generatePlan, moveStatus,
} from '../service-requests/service-request.service';
import { changeSrState } from '../service-requests/sr-history';
import { PendingSecurityChange } from './pending-security-change.entity';
import { encryptPin, hashPair } from './secrets';
import { replaceSecurityDetails, type ProtectedChange } from './security-account.service';
import { SecurityAccount, type HashPair } from './security-account.entity';
import { SecurityDeclineReason, SecurityLetterReason, SecurityNotifyBy } from './security-enums';
import { csaArrearsOnlyRefusal, notSetUpRefusal, refuse, SecurityRefusal } from './security-errors';
import { assertChangeAllowed, assertNotRepresentative, isCsaArrearsOnly } from './security-rules';
import { addDays, linkedCaseIds, requireKind, takeOwnership, visibleSubject } from './security-sr';
import type {
  AcceptSecurityDetailsChangeInput, CompleteSecurityDetailsChangeInput, DeclineSecurityDetailsChangeInput,
  RequestSecurityDetailsChangeInput, SendSecurityDetailsFormInput,
} from './security-types';
import { checkPassword, checkPin } from './security-validation';
import { casesOfContact, newSelfServiceRequest } from '../service-requests/new-service-request';

/*
 * Change of security details (seed 000, SEC-6/SEC-7/SEC-9, REP-1) as intent mutations on a
 * CHANGE_SECURITY_DETAILS SR. Every step runs through actOnServiceRequest: one transaction, the SR
 * row locked, the optional expectedVersion checked, status moves through the SR-2 table.
 *
 *   raised by a caseworker (createServiceRequest)       OPEN
 *   startSecurityDetailsChange                          IN_PROGRESS / SECURITY_DETAILS, plan generated
 *   sendSecurityDetailsForm (CMSL9800)                  WAIT, due in 7 days
 *   sendSecurityDetailsReminder (CMSL9801, after 7 d)   WAIT, due in 7 more days
 *   acceptSecurityDetailsChange (verification received) IN_PROGRESS / ASSESS_OUTCOME_OF_CHANGE (step 10, not for
 *                                                       self service), then COFC_ACCEPT: unblocked, details replaced,
 *                                                       the seven answers reset to X (step 12)
 *   completeSecurityDetailsChange (SMS or CMSL9802)     CLOSED / COMPLETE, resolution COFC_ACCEPTED
 *   declineSecurityDetailsChange                        (ASSESS_OUTCOME_OF_CHANGE when a form came back) COFC_DECLINED,
 *                                                       then CLOSED / COMPLETE, resolution COC_REJECTED
 *                                                       (NO_RESPONSE only after CMSL9801 and its 7 days)
 *
 * Raised through self service (requestSecurityDetailsChange) the SR starts at the verification
 * step (IN_PROGRESS / SECURITY_DETAILS, letter steps not required) and is due within 24 hours.
 */

export const SubStatus = {
  SECURITY_DETAILS: SrSubStatus.SECURITY_DETAILS,
  /** Step 10: the returned form is in; the caseworker assesses it before accepting or declining. */
  ASSESS_OUTCOME_OF_CHANGE: SrSubStatus.ASSESS_OUTCOME_OF_CHANGE,
  COFC_ACCEPT: SrSubStatus.COFC_ACCEPT,
  COFC_DECLINED: SrSubStatus.COFC_DECLINED,
  COMPLETE: SrSubStatus.COMPLETE,
} as const;

export const Resolution = { COFC_ACCEPTED: SrResolution.COFC_ACCEPTED, COC_REJECTED: SrResolution.COC_REJECTED } as const;

const [VERIFY, SEND_LETTER, AWAIT_REPLY, UPDATE_DETAILS, NOTIFY] = SR_KINDS[SrKind.CHANGE_SECURITY_DETAILS].plan;
export const CHANGE_ACTIVITIES = { VERIFY, SEND_LETTER, AWAIT_REPLY, UPDATE_DETAILS, NOTIFY };

export const WAIT_DAYS = 7;

const isSelfService = (sr: ServiceRequest) => sr.sourceType !== SrSourceType.REPORTING_PERSON;

/** The change SR's subject: visible to the caller, and never a representative (REP-1). */
async function changeSubject(ctx: RequestContext, tx: EntityManager, sr: ServiceRequest): Promise<Contact> {
  requireKind(sr, SrKind.CHANGE_SECURITY_DETAILS, 'id');
  const contact = await visibleSubject(ctx, tx, sr);
  assertNotRepresentative(contact);
  return contact;
}

async function lettersSent(tx: EntityManager, sr: ServiceRequest): Promise<Set<LetterTemplate>> {
  const letters = await tx.find(Letter, { where: { serviceRequestId: sr.id, status: Not(LetterStatus.CANCELLED) }, select: { id: true, template: true } });
  return new Set(letters.map((letter) => letter.template));
}

function wrongStep(sr: ServiceRequest, message: string) {
  return refuse(SecurityRefusal.WRONG_STEP, message, { status: sr.status, subStatus: sr.subStatus });
}

function requireAt(sr: ServiceRequest, statuses: SrStatus[], subStatus: string | null, action: string): void {
  if (!statuses.includes(sr.status) || sr.subStatus !== subStatus) {
    throw wrongStep(sr, `${action} needs the SR at ${statuses.join(' or ')} / ${subStatus ?? '(no sub status)'}; it is ${sr.status} / ${sr.subStatus ?? '(none)'}.`);
  }
}

async function markRemainingNotRequired(tx: EntityManager, sr: ServiceRequest): Promise<void> {
  await tx.update(Activity, { serviceRequestId: sr.id, status: ActivityStatus.OPEN }, { status: ActivityStatus.NOT_REQUIRED });
}

function noteText(problems: InputProblems, note: string | null | undefined): string | undefined {
  const text = optionalText(note);
  problems.check(!text || text.length <= 4000, 'note', 'is longer than 4000 characters');
  return text;
}

/** Steps 5-6: IN_PROGRESS (plan generated, SR-3), first step outcome and sub status SECURITY_DETAILS. */
export async function startSecurityDetailsChange(ctx: RequestContext, input: SrActionInput) {
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    const contact = await changeSubject(ctx, tx, sr);
    if (sr.status === SrStatus.OPEN) moveStatus(ctx, sr, SrStatus.IN_PROGRESS);
    else if (sr.status === SrStatus.CLOSED) moveStatus(ctx, sr, SrStatus.IN_PROGRESS); // SR-2: refused as an illegal move
    else requireAt(sr, [SrStatus.IN_PROGRESS], null, 'Starting a change of security details');
    if (await isCsaArrearsOnly(tx, contact.id, await linkedCaseIds(tx, sr))) throw csaArrearsOnlyRefusal();
    if (!(await tx.exists(SecurityAccount, { where: { contactId: contact.id } }))) throw notSetUpRefusal();
    takeOwnership(ctx, sr);
    await generatePlan(tx, sr);
    await completeActivity(ctx, tx, sr, VERIFY, ActivityOutcome.SECURITY_DETAILS);
    changeSrState(ctx, sr, { subStatus: SubStatus.SECURITY_DETAILS });
  });
}

/** Step 7: notes say why, CMSL9800 is sent, the SR waits 7 days. */
export async function sendSecurityDetailsForm(ctx: RequestContext, input: SendSecurityDetailsFormInput) {
  const problems = new InputProblems();
  const note = noteText(problems, input.note);
  problems.throwIfAny();
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    const contact = await changeSubject(ctx, tx, sr);
    if (isSelfService(sr)) throw wrongStep(sr, 'A self-service change starts at the verification step: no form is sent (SEC-7).');
    requireAt(sr, [SrStatus.IN_PROGRESS], SubStatus.SECURITY_DETAILS, 'Sending CMSL9800');
    if ((await lettersSent(tx, sr)).has(LetterTemplate.CMSL9800)) throw wrongStep(sr, 'CMSL9800 has already been sent for this SR.');
    if (input.reason === SecurityLetterReason.ACCOUNT_BLOCKED && !(await tx.exists(SecurityAccount, { where: { contactId: contact.id, blocked: true } }))) {
      new InputProblems().add('reason', 'the account is not blocked: use CLIENT_REQUEST').throwIfAny();
    }
    const why = input.reason === SecurityLetterReason.ACCOUNT_BLOCKED
      ? 'The account is blocked after three failed security checks.'
      : 'The client asked to provide new security details in writing.';
    await addNote(ctx, tx, sr, `${why} CMSL9800 sent; the client must return it before we can speak to them by phone.${note ? ` ${note}` : ''}`);
    await generateLetter(ctx, tx, { template: LetterTemplate.CMSL9800, contactId: contact.id, serviceRequestId: sr.id });
    await completeActivity(ctx, tx, sr, SEND_LETTER, ActivityOutcome.CMSL9800_SENT);
    takeOwnership(ctx, sr);
    moveStatus(ctx, sr, SrStatus.WAIT);
    sr.nextActionDue = addDays(ctx.now, WAIT_DAYS);
  });
}

/** Step 8: no reply after 7 days: CMSL9801 and 7 more days. */
export async function sendSecurityDetailsReminder(ctx: RequestContext, input: SrActionInput) {
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    const contact = await changeSubject(ctx, tx, sr);
    requireAt(sr, [SrStatus.WAIT], SubStatus.SECURITY_DETAILS, 'Sending the CMSL9801 reminder');
    const sent = await lettersSent(tx, sr);
    if (!sent.has(LetterTemplate.CMSL9800)) throw wrongStep(sr, 'CMSL9800 has not been sent for this SR.');
    if (sent.has(LetterTemplate.CMSL9801)) throw wrongStep(sr, 'CMSL9801 has already been sent for this SR.');
    if (sr.nextActionDue && ctx.now < sr.nextActionDue) {
      throw refuse(SecurityRefusal.WAIT_NOT_OVER, 'The 7 days given by CMSL9800 have not passed yet.', { nextActionDue: sr.nextActionDue.toISOString() });
    }
    await generateLetter(ctx, tx, { template: LetterTemplate.CMSL9801, contactId: contact.id, serviceRequestId: sr.id });
    await addNote(ctx, tx, sr, 'No reply to CMSL9800 after 7 days: CMSL9801 reminder sent; waiting 7 more days.');
    // WAIT -> IN_PROGRESS (the letter is sent) -> WAIT again: two legal moves, no new transition.
    moveStatus(ctx, sr, SrStatus.IN_PROGRESS);
    moveStatus(ctx, sr, SrStatus.WAIT);
    sr.nextActionDue = addDays(ctx.now, WAIT_DAYS);
  });
}

/**
 * Steps 8-13 and 16: verification received. Unblocks the account if blocked and replaces the PIN
 * and/or password (from the returned form, or for self service from the client's request); sub
 * status COFC_ACCEPT.
 */
export async function acceptSecurityDetailsChange(ctx: RequestContext, input: AcceptSecurityDetailsChangeInput) {
  const problems = new InputProblems();
  const newPin = input.newPin ?? undefined;
  const newPassword = input.newPassword?.trim() || undefined;
  if (newPin !== undefined) checkPin(problems, 'newPin', newPin);
  if (input.newPassword != null) checkPassword(problems, 'newPassword', input.newPassword);
  problems.throwIfAny();
  // Hashing is slow: done before the SR is locked.
  const passwordHashes: HashPair | null = newPassword ? await hashPair(newPassword, ctx.config.secretsHashCost) : null;
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    const contact = await changeSubject(ctx, tx, sr);
    requireAt(sr, [SrStatus.IN_PROGRESS, SrStatus.WAIT], SubStatus.SECURITY_DETAILS, 'Accepting the change');
    if (await isCsaArrearsOnly(tx, contact.id, await linkedCaseIds(tx, sr))) throw csaArrearsOnlyRefusal();
    let change: ProtectedChange;
    const pending = await tx.findOne(PendingSecurityChange, { where: { serviceRequestId: sr.id } });
    if (isSelfService(sr)) {
      const given = new InputProblems();
      given.check(newPin === undefined, 'newPin', "is not given for a self-service SR: the client's request holds it");
      given.check(input.newPassword == null, 'newPassword', "is not given for a self-service SR: the client's request holds it");
      given.throwIfAny();
      if (!pending) throw wrongStep(sr, 'The self-service request holds no new details.');
      change = { pinCipher: pending.pinCipher, passwordHashes: pending.passwordHashes };
    } else {
      if (!(await lettersSent(tx, sr)).has(LetterTemplate.CMSL9800)) {
        throw wrongStep(sr, 'Send CMSL9800 first: new details come back on the returned form.');
      }
      if (!newPin && !passwordHashes) {
        new InputProblems().add('newPin', 'or newPassword is required: give a new PIN, a new password or both').add('newPassword', 'or newPin is required').throwIfAny();
      }
      change = { pinCipher: newPin ? encryptPin(newPin, ctx.config.secretsKey, contact.id) : null, passwordHashes };
      await completeActivity(ctx, tx, sr, AWAIT_REPLY, ActivityOutcome.VERIFICATION_RECEIVED);
    }
    // No account: refused SECURITY_NOT_SET_UP by the overwrite itself.
    const { wasBlocked } = await replaceSecurityDetails(ctx, tx, contact.id, change);
    if (pending) await tx.delete(PendingSecurityChange, { serviceRequestId: sr.id });
    const updated = [change.pinCipher && 'PIN', change.passwordHashes && 'special customer password'].filter(Boolean).join(' and ');
    await addNote(ctx, tx, sr, `Verification received.${wasBlocked ? ' Account unblocked.' : ''} ${updated} updated; ` +
      'memorable answers set to X; change accepted (COFC_ACCEPT).');
    // Step 15: the client wants to add or remove a representative as a contact on the case.
    if (input.communicateWithClientRep) {
      await addNote(ctx, tx, sr, 'Communicate with Client Rep: the client wants to add or remove a representative (Client Representative - Set Up / Remove).');
    }
    await completeActivity(ctx, tx, sr, UPDATE_DETAILS, ActivityOutcome.COFC_ACCEPT);
    takeOwnership(ctx, sr);
    if (sr.status === SrStatus.WAIT) moveStatus(ctx, sr, SrStatus.IN_PROGRESS);
    // Step 10: a change not from self service is assessed before it is accepted (kept in the history, SR-8).
    if (!isSelfService(sr)) changeSrState(ctx, sr, { subStatus: SubStatus.ASSESS_OUTCOME_OF_CHANGE });
    changeSrState(ctx, sr, { subStatus: SubStatus.COFC_ACCEPT });
  });
}

/** Steps 17-18: SMS (or CMSL9802), resolution COFC_ACCEPTED, CLOSED / COMPLETE. */
export async function completeSecurityDetailsChange(ctx: RequestContext, input: CompleteSecurityDetailsChangeInput) {
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    const contact = await changeSubject(ctx, tx, sr);
    requireAt(sr, [SrStatus.IN_PROGRESS], SubStatus.COFC_ACCEPT, 'Completing the change');
    if (input.notifyBy === SecurityNotifyBy.SMS) {
      if (!contact.phone) {
        new InputProblems().add('notifyBy', 'no phone number is held for an SMS: send CMSL9802 (LETTER) instead').throwIfAny();
      }
      await addNote(ctx, tx, sr, 'SMS sent to confirm the security details have been updated.');
      await completeActivity(ctx, tx, sr, NOTIFY, ActivityOutcome.SMS_SENT);
    } else {
      await generateLetter(ctx, tx, { template: LetterTemplate.CMSL9802, contactId: contact.id, serviceRequestId: sr.id });
      await completeActivity(ctx, tx, sr, NOTIFY, ActivityOutcome.CMSL9802_SENT);
    }
    await markRemainingNotRequired(tx, sr);
    sr.resolutionCode = Resolution.COFC_ACCEPTED;
    moveStatus(ctx, sr, SrStatus.CLOSED, SubStatus.COMPLETE);
    sr.nextActionDue = null;
  });
}

/**
 * Steps 19-20: outcome and sub status COFC_DECLINED, resolution COC_REJECTED, CLOSED / COMPLETE.
 * NO_RESPONSE (nothing came back) only once CMSL9801's 7 days have passed.
 */
export async function declineSecurityDetailsChange(ctx: RequestContext, input: DeclineSecurityDetailsChangeInput) {
  const problems = new InputProblems();
  const note = noteText(problems, input.note);
  problems.throwIfAny();
  return actOnServiceRequest(ctx, input, async (tx, sr) => {
    await changeSubject(ctx, tx, sr);
    requireAt(sr, [SrStatus.IN_PROGRESS, SrStatus.WAIT], SubStatus.SECURITY_DETAILS, 'Declining the change');
    if (input.reason === SecurityDeclineReason.NO_RESPONSE) {
      const sent = await lettersSent(tx, sr);
      if (isSelfService(sr) || !sent.has(LetterTemplate.CMSL9801) || sr.status !== SrStatus.WAIT) {
        throw wrongStep(sr, 'A change is rejected for no response only after CMSL9800, the CMSL9801 reminder and their waits.');
      }
      if (sr.nextActionDue && ctx.now < sr.nextActionDue) {
        throw refuse(SecurityRefusal.WAIT_NOT_OVER, 'The 7 days given by the CMSL9801 reminder have not passed yet.', {
          nextActionDue: sr.nextActionDue.toISOString(),
        });
      }
      await completeActivity(ctx, tx, sr, AWAIT_REPLY, ActivityOutcome.NO_RESPONSE);
    }
    await completeActivity(ctx, tx, sr, UPDATE_DETAILS, ActivityOutcome.COFC_DECLINED, ActivityStatus.DONE, input.reason);
    await markRemainingNotRequired(tx, sr);
    // Step 10: a returned form is assessed first; no reply at all is rejected without assessment.
    if (input.reason !== SecurityDeclineReason.NO_RESPONSE && !isSelfService(sr)) {
      changeSrState(ctx, sr, { subStatus: SubStatus.ASSESS_OUTCOME_OF_CHANGE });
    }
    changeSrState(ctx, sr, { subStatus: SubStatus.COFC_DECLINED });
    await addNote(ctx, tx, sr, `Change of security details declined (COFC_DECLINED): ${input.reason}.${note ? ` ${note}` : ''}`);
    await tx.delete(PendingSecurityChange, { serviceRequestId: sr.id });
    takeOwnership(ctx, sr);
    sr.resolutionCode = Resolution.COC_REJECTED;
    moveStatus(ctx, sr, SrStatus.CLOSED, SubStatus.COMPLETE);
    sr.nextActionDue = null;
  });
}

/**
 * SEC-7: a client asks for a change through self service, giving the new PIN and/or password.
 * The SR starts at the verification step (IN_PROGRESS / SECURITY_DETAILS, letter steps not
 * required), is due within 24 hours (SR-4), and lands in the segment of the client's case (the
 * SCR segment for a sensitive client); the new details wait, protected, for a caseworker.
 */
export async function requestSecurityDetailsChange(ctx: RequestContext, input: RequestSecurityDetailsChangeInput): Promise<ServiceRequest> {
  const principal = ctx.principal;
  if (principal?.kind !== 'client') throw forbidden('Only a client, through self service, may request this; caseworkers raise a CHANGE_SECURITY_DETAILS SR.');
  const problems = new InputProblems();
  const newPin = input.newPin ?? undefined;
  if (newPin !== undefined) checkPin(problems, 'newPin', newPin);
  if (input.newPassword != null) checkPassword(problems, 'newPassword', input.newPassword);
  if (newPin === undefined && input.newPassword == null) {
    problems.add('newPin', 'or newPassword is required').add('newPassword', 'or newPin is required');
  }
  problems.throwIfAny();
  const passwordHashes = input.newPassword != null ? await hashPair(input.newPassword.trim(), ctx.config.secretsHashCost) : null;

  const srId = await ctx.dataSource.transaction(async (tx) => {
    const contact = await tx.findOne(Contact, { where: { id: principal.contactId } });
    if (!contact) throw notFound('Contact');
    const cases = await casesOfContact(tx, contact.id);
    await assertChangeAllowed(tx, contact, cases.map((row) => row.id));
    if (cases.length === 0) throw refuse(SecurityRefusal.NO_CASE, 'There is no case to raise the change on; call the CMG.');
    const sr = await newSelfServiceRequest(tx, ctx.now, SrKind.CHANGE_SECURITY_DETAILS, contact, cases);
    moveStatus(ctx, sr, SrStatus.IN_PROGRESS, SubStatus.SECURITY_DETAILS);
    const saved = await tx.save(sr);
    await generatePlan(tx, saved);
    await completeActivity(ctx, tx, saved, VERIFY, ActivityOutcome.SELF_SERVICE);
    await completeActivity(ctx, tx, saved, SEND_LETTER, null, ActivityStatus.NOT_REQUIRED);
    await completeActivity(ctx, tx, saved, AWAIT_REPLY, ActivityOutcome.SELF_SERVICE_REQUEST);
    await tx.insert(PendingSecurityChange, {
      serviceRequestId: saved.id,
      contactId: contact.id,
      pinCipher: newPin ? encryptPin(newPin, ctx.config.secretsKey, contact.id) : null,
      passwordHashes,
      createdAt: ctx.now,
    });
    const what = [newPin && 'PIN', passwordHashes && 'special customer password'].filter(Boolean).join(' and ');
    await addNote(ctx, tx, saved, `Raised through self service: the client gave a new ${what}. Verify and accept or decline within 24 hours.`);
    return saved.id;
  });
  return ctx.dataSource.getRepository(ServiceRequest).findOneByOrFail({ id: srId });
}
