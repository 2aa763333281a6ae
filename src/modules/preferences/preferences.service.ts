import { Not, type EntityManager } from 'typeorm';
import { conflict, forbidden, InputProblems, notFound } from '../../common/errors';
import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { ContactMethod, SelfServiceStatus } from '../contacts/contact-enums';
import { Contact } from '../contacts/contact.entity';
import { hasPassedSecurityCheck } from '../security/verification';
import { Activity } from '../service-requests/activity.entity';
import { ActivityOutcome } from '../service-requests/activity-outcome';
import { ActivityStatus, SrKind, SrSourceType, SrStatus, SubjectType } from '../service-requests/sr-enums';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { actOnServiceRequest, generatePlan, moveStatus } from '../service-requests/service-request.service';
import { changeSrState } from '../service-requests/sr-history';
import { SrActorType } from '../service-requests/sr-status-change.entity';
import { ContactDisability } from './contact-disability.entity';
import type { ContactPreferencesChangeInput, RecordContactPreferencesInput, SpecialRequirementInput } from './preference-inputs';
import { PreferenceActivity, PreferenceField, PreferenceSubStatus, REQUIREMENT_VALUES } from './preference-enums';
import { PreferenceChange } from './preference-change.entity';
import { SpecialRequirement } from './special-requirement.entity';
import { casesOfContact, newSelfServiceRequest } from '../service-requests/new-service-request';
import { PreferenceRefusal } from './preference-refusals';
import { checkCallTimes, recordCallTimes, recordContactCallTimes } from './call-times';
import { ContactCallTimes } from './contact-call-times.entity';

const MAX_REQUIREMENTS = 20;

// ---------------------------------------------------------------------------------------------
// Input: everything that can be judged without the database, all problems together.

const key = (requirement: SpecialRequirementInput) => `${requirement.type}/${requirement.value}`;

function checkRequirements(problems: InputProblems, list: SpecialRequirementInput[] | null | undefined, field: string) {
  if (!list) return;
  problems.check(list.length <= MAX_REQUIREMENTS, field, `has more than ${MAX_REQUIREMENTS} entries`);
  const seen = new Set<string>();
  list.forEach((requirement, i) => {
    const allowed = REQUIREMENT_VALUES[requirement.type];
    // PREF-4: a value outside its type is a validation error.
    problems.check(
      allowed.includes(requirement.value),
      `${field}[${i}].value`,
      `${requirement.value} is not a ${requirement.type} requirement; use one of ${allowed.join(', ')}`,
    );
    problems.check(!seen.has(key(requirement)), `${field}[${i}]`, 'is listed twice');
    seen.add(key(requirement));
  });
}

/** Checks a change and returns it normalised (trimmed call times). */
function checkChange(change: ContactPreferencesChangeInput, problems: InputProblems): ContactPreferencesChangeInput {
  const callTimes = checkCallTimes(problems, 'preferredCallTimes', change.preferredCallTimes);
  problems.check(
    !(change.disabilityCategory != null && change.removeDisabilityCategory),
    'removeDisabilityCategory',
    'cannot be given together with disabilityCategory',
  );
  checkRequirements(problems, change.addRequirements, 'addRequirements');
  checkRequirements(problems, change.removeRequirements, 'removeRequirements');
  const adding = new Set((change.addRequirements ?? []).map(key));
  (change.removeRequirements ?? []).forEach((requirement, i) =>
    problems.check(!adding.has(key(requirement)), `removeRequirements[${i}]`, 'is also being added'));
  const asksForSomething =
    change.preferredContactMethod != null || change.preferredLanguage != null || change.disabilityCategory != null ||
    Boolean(change.removeDisabilityCategory) || Boolean(change.addRequirements?.length) ||
    Boolean(change.removeRequirements?.length) || change.preferredCallTimes != null;
  problems.check(asksForSomething, 'input', 'asks for no change');
  return { ...change, preferredCallTimes: callTimes };
}

// ---------------------------------------------------------------------------------------------
// Rules that need the record.

/** PREF-3: the change is processed only after the client passed a security check in this contact. */
async function assertVerified(ctx: RequestContext, tx: EntityManager, contactId: string): Promise<void> {
  if (!(await hasPassedSecurityCheck(tx, contactId, ctx.now, ctx.principal))) {
    throw conflict('The client must pass a security check in this contact before their contact preferences can be changed.', {
      reason: PreferenceRefusal.SECURITY_CHECK_REQUIRED,
    });
  }
}

const SELF_SERVICE_SOURCE: Partial<Record<SrSourceType, SubjectType>> = {
  [SrSourceType.PWC_SELF_SERVICE]: SubjectType.PWC,
  [SrSourceType.NRP_SELF_SERVICE]: SubjectType.NRP,
};

/**
 * PREF-3: clients change only their own preferences. A self-service client reaches only SRs
 * about themselves (their row rule); on an SR raised by staff the person reporting the change
 * must be the subject, in the subject's role.
 */
function assertOwnPreferences(sr: ServiceRequest, subject: Contact): void {
  const reporterRole = sr.sourceType === SrSourceType.REPORTING_PERSON ? sr.sourceRole?.trim().toUpperCase() : SELF_SERVICE_SOURCE[sr.sourceType];
  // The reporter is this person, not just anyone in the subject's role: their names are the subject's.
  const sameName = (given: string | null, held: string) => (given ?? '').trim().toLowerCase() === held.trim().toLowerCase();
  const isSubject = sr.sourceType !== SrSourceType.REPORTING_PERSON
    || (sameName(sr.sourceFirstName, subject.firstName) && sameName(sr.sourceLastName, subject.lastName));
  if (reporterRole !== sr.subjectType || !isSubject) {
    throw conflict('A client can only change their own contact preferences: the person reporting the change must be its subject.', {
      reason: PreferenceRefusal.NOT_OWN_PREFERENCES,
    });
  }
}

export function assertPreferencesSr(sr: ServiceRequest): void {
  if (sr.kind !== SrKind.CHANGE_CONTACT_PREFERENCES) {
    throw conflict('This is not a change of contact preferences service request.', { reason: PreferenceRefusal.WRONG_KIND, kind: sr.kind });
  }
  if (sr.status !== SrStatus.IN_PROGRESS) {
    throw conflict('Set the service request IN_PROGRESS first: changes are recorded on its activity plan.', {
      reason: PreferenceRefusal.SR_NOT_IN_PROGRESS,
      status: sr.status,
    });
  }
}

const actorOf = (ctx: RequestContext) =>
  ctx.principal?.kind === 'staff'
    ? { actorType: SrActorType.STAFF, actorId: ctx.principal.staff.id }
    : { actorType: SrActorType.CLIENT, actorId: ctx.principal?.kind === 'client' ? ctx.principal.contactId : null };

export async function markActivity(
  ctx: RequestContext, tx: EntityManager, sr: ServiceRequest, name: string, outcome: ActivityOutcome, outcomeNote: string | null = null, onlyIfOpen = false,
) {
  await tx.update(
    Activity,
    { serviceRequestId: sr.id, name, ...(onlyIfOpen ? { status: ActivityStatus.OPEN } : {}) },
    {
      status: ActivityStatus.DONE,
      outcome,
      outcomeNote,
      completedAt: ctx.now,
      completedById: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null,
    },
  );
}

/**
 * Applies a checked change to the contact (locked by the caller) within the SR's transaction, and
 * records each change made on the SR. Any refusal throws, so the transaction leaves nothing behind.
 */
async function applyChange(
  ctx: RequestContext,
  tx: EntityManager,
  sr: ServiceRequest,
  contact: Contact,
  change: ContactPreferencesChangeInput,
): Promise<void> {
  const problems = new InputProblems();
  // PREF-2: self service only for a client registered and using it.
  if (change.preferredContactMethod === ContactMethod.SELF_SERVICE) {
    problems.check(
      contact.selfServiceStatus === SelfServiceStatus.REGISTERED_ACTIVE,
      'preferredContactMethod',
      'SELF_SERVICE may be chosen only for a client registered and active on self service',
    );
  }
  const existing = await tx.find(SpecialRequirement, { where: { contactId: contact.id } });
  const recorded = new Map(existing.map((row) => [key(row), row]));
  (change.addRequirements ?? []).forEach((requirement, i) =>
    problems.check(!recorded.has(key(requirement)), `addRequirements[${i}]`, 'is already recorded for this contact'));
  (change.removeRequirements ?? []).forEach((requirement, i) =>
    problems.check(recorded.has(key(requirement)), `removeRequirements[${i}]`, 'is not recorded for this contact'));
  const disability = await tx.findOne(ContactDisability, { where: { contactId: contact.id } });
  if (change.removeDisabilityCategory) problems.check(Boolean(disability), 'removeDisabilityCategory', 'no disability category is recorded');
  problems.throwIfAny();

  const changes: { field: PreferenceField; oldValue: string | null; newValue: string | null }[] = [];
  const contactUpdate: Partial<Contact> = {};
  if (change.preferredContactMethod != null && change.preferredContactMethod !== contact.preferredContactMethod) {
    changes.push({ field: PreferenceField.PREFERRED_CONTACT_METHOD, oldValue: contact.preferredContactMethod, newValue: change.preferredContactMethod });
    contactUpdate.preferredContactMethod = change.preferredContactMethod;
  }
  if (change.preferredLanguage != null && change.preferredLanguage !== contact.preferredLanguage) {
    changes.push({ field: PreferenceField.PREFERRED_LANGUAGE, oldValue: contact.preferredLanguage, newValue: change.preferredLanguage });
    contactUpdate.preferredLanguage = change.preferredLanguage;
  }
  if (Object.keys(contactUpdate).length > 0) await tx.update(Contact, { id: contact.id }, contactUpdate);

  if (change.disabilityCategory != null && change.disabilityCategory !== disability?.category) {
    changes.push({ field: PreferenceField.DISABILITY_CATEGORY, oldValue: disability?.category ?? null, newValue: change.disabilityCategory });
    await tx.upsert(ContactDisability, { contactId: contact.id, category: change.disabilityCategory, updatedAt: ctx.now }, ['contactId']);
  }
  if (change.removeDisabilityCategory && disability) {
    changes.push({ field: PreferenceField.DISABILITY_CATEGORY, oldValue: disability.category, newValue: null });
    await tx.delete(ContactDisability, { contactId: contact.id });
  }
  for (const requirement of change.removeRequirements ?? []) {
    changes.push({ field: PreferenceField.SPECIAL_REQUIREMENT_REMOVED, oldValue: key(requirement), newValue: null });
    await tx.delete(SpecialRequirement, { id: recorded.get(key(requirement))!.id });
  }
  for (const requirement of change.addRequirements ?? []) {
    changes.push({ field: PreferenceField.SPECIAL_REQUIREMENT_ADDED, oldValue: null, newValue: key(requirement) });
    await tx.insert(SpecialRequirement, { contactId: contact.id, type: requirement.type, value: requirement.value, createdAt: ctx.now });
  }
  if (change.preferredCallTimes) {
    const before = await tx.findOne(ContactCallTimes, { where: { contactId: contact.id } });
    changes.push({ field: PreferenceField.PREFERRED_CALL_TIMES, oldValue: before?.description ?? null, newValue: change.preferredCallTimes });
    await recordCallTimes(ctx, tx, sr.id, change.preferredCallTimes);
    // PREF-7 at contact level: the times outlive this SR (seed 001 records them on the contact).
    await recordContactCallTimes(ctx, tx, contact.id, change.preferredCallTimes);
  }

  if (changes.length > 0) {
    const actor = actorOf(ctx);
    await tx.insert(PreferenceChange, changes.map((row) => ({
      ...row,
      ...actor,
      serviceRequestId: sr.id,
      contactId: contact.id,
      changedAt: ctx.now,
    })));
  }
  changeSrState(ctx, sr, { subStatus: PreferenceSubStatus.CONTACT_DETAILS });
  await markActivity(ctx, tx, sr, PreferenceActivity.VERIFY, ActivityOutcome.SECURITY_CHECK_PASSED, null, true);
  if (changes.length > 0) await markActivity(ctx, tx, sr, PreferenceActivity.UPDATE, ActivityOutcome.CHANGES_RECORDED, `${changes.length} change(s)`);
  else await markActivity(ctx, tx, sr, PreferenceActivity.UPDATE, ActivityOutcome.NO_CHANGE_NEEDED);
}

export const lockContact = (tx: EntityManager, id: string) =>
  tx.findOne(Contact, { where: { id }, lock: { mode: 'pessimistic_write' } });

// ---------------------------------------------------------------------------------------------
// Intents.

/**
 * Records the change on an IN_PROGRESS CHANGE_CONTACT_PREFERENCES SR (seed 002 steps 4-7), by the
 * caseworker of the owning segment or by the client it is about (self service), in one transaction
 * under the SR's row lock.
 */
export async function recordContactPreferences(ctx: RequestContext, input: RecordContactPreferencesInput): Promise<ServiceRequest> {
  const problems = new InputProblems();
  const { id, expectedVersion, ...requested } = input;
  problems.check(isUuid(id), 'id', 'is not a valid id');
  const change = checkChange(requested, problems);
  problems.throwIfAny();
  // A caseworker works the SR (SR-5, and only while they may see its subject: SCR-1); a client acts on their own (PREF-3).
  const action = ctx.principal?.kind === 'client' ? 'selfServe' : 'work';
  return (await actOnServiceRequest(ctx, { id, expectedVersion }, async (tx, sr) => {
    assertPreferencesSr(sr);
    const contact = await lockContact(tx, sr.subjectContactId);
    if (!contact) throw notFound('Service request');
    assertOwnPreferences(sr, contact);
    if (!contact.clientRole) {
      throw conflict("A representative's details are maintained through Client Representative - Maintain, not a change of contact preferences.", {
        reason: PreferenceRefusal.NOT_A_PARENT,
        procedure: 'Client Representative - Maintain',
      });
    }
    await assertVerified(ctx, tx, contact.id);
    await applyChange(ctx, tx, sr, contact, change);
  }, action)) as ServiceRequest;
}

/**
 * The self-service route: a client who passed a security check raises their own change of
 * circumstances SR and records the change in one go. The SR lands with the segment owning their
 * case(s) (the SCR segment for a sensitive client), unowned, due within 24 hours (SR-4), for a
 * caseworker to accept.
 */
export async function requestContactPreferencesChange(ctx: RequestContext, requested: ContactPreferencesChangeInput): Promise<ServiceRequest> {
  const principal = ctx.principal;
  if (principal?.kind !== 'client') {
    throw forbidden('Only a self-service client raises their own request; staff use createServiceRequest (kind CHANGE_CONTACT_PREFERENCES).');
  }
  const problems = new InputProblems();
  const change = checkChange(requested, problems);
  problems.throwIfAny();
  return ctx.dataSource.transaction(async (tx) => {
    const contact = await lockContact(tx, principal.contactId);
    if (!contact || !contact.clientRole) throw forbidden('Only a receiving or paying parent can use self service.');
    await assertVerified(ctx, tx, contact.id);
    const open = await tx.findOne(ServiceRequest, {
      select: { id: true },
      where: { subjectContactId: contact.id, kind: SrKind.CHANGE_CONTACT_PREFERENCES, status: Not(SrStatus.CLOSED) },
    });
    if (open) {
      throw conflict('A change of contact preferences is already open for you: add to it with recordContactPreferences.', {
        reason: PreferenceRefusal.CHANGE_ALREADY_OPEN,
        serviceRequestId: open.id,
      });
    }
    const cases = await casesOfContact(tx, contact.id);
    if (cases.length === 0) throw conflict('No case is linked to you; call us to make this change.', { reason: PreferenceRefusal.NO_CASE });
    const sr = await newSelfServiceRequest(tx, ctx.now, SrKind.CHANGE_CONTACT_PREFERENCES, contact, cases, true);
    moveStatus(ctx, sr, SrStatus.IN_PROGRESS);
    const saved = await tx.save(sr);
    await generatePlan(tx, saved);
    await applyChange(ctx, tx, saved, contact, change);
    return tx.save(saved);
  });
}
