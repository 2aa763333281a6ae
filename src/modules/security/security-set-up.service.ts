import { InputProblems } from '../../common/errors';
import { SrResolution, SrSubStatus } from '../service-requests/sr-classification';
import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { ActivityStatus, SrKind, SrStatus } from '../service-requests/sr-enums';
import { ActivityOutcome } from '../service-requests/activity-outcome';
import { actOnServiceRequest, addNote, completeActivity, moveStatus } from '../service-requests/service-request.service';
import type { ServiceRequest } from '../service-requests/service-request.entity';
import { checkCallTimes, recordContactCallTimes } from '../preferences/call-times';
import { refuse, SecurityRefusal } from './security-errors';
import {
  DEFAULT_PASSWORD, DEFAULT_PIN, prepareSecurityDetails, writeSecurityAccount, type NewSecurityDetails,
} from './security-account.service';
import { MEMORABLE_QUESTIONS, type MemorableQuestion, SecurityDefaultsReason } from './security-enums';
import { assertSetUpPossible } from './security-rules';
import { linkedCaseIds, requireKind, takeOwnership, visibleSubject } from './security-sr';
import type { ApplySecurityDefaultsInput, SetUpSecurityInput } from './security-types';
import { checkPassword, checkPin, DEFAULT_ANSWER, memorableAnswers } from './security-validation';

/*
 * Security set up (seed 001) is carried out on a SECURITY_SET_UP service request: raise it for
 * the client or representative (createServiceRequest), start it (plan: "Collect Security
 * Questions", "Set Up PIN And Password"), then setUpSecurity or applySecurityDefaults records the
 * details, marks both steps done (SEC-2) and closes the SR (resolution SECURITY_SET_UP or
 * DEFAULTS_APPLIED, CLOSED/COMPLETE), all in one transaction with the SR locked.
 */

export const SET_UP_ACTIVITIES = { collect: 'Collect Security Questions', pinAndPassword: 'Set Up PIN And Password' } as const;

async function recordSetUp(
  ctx: RequestContext,
  input: { serviceRequestId: string; expectedVersion?: number | null },
  details: NewSecurityDetails,
  outcome: { collect: ActivityOutcome; collectNote?: string; pinAndPassword: ActivityOutcome; resolution: string; note: string },
  callTimes?: string,
) {
  const prepared = await prepareSecurityDetails(details, ctx.config.secretsHashCost);
  return actOnServiceRequest(ctx, { id: input.serviceRequestId, expectedVersion: input.expectedVersion }, async (tx, sr: ServiceRequest) => {
    requireKind(sr, SrKind.SECURITY_SET_UP, 'serviceRequestId');
    if (sr.status !== SrStatus.IN_PROGRESS) {
      throw refuse(SecurityRefusal.WRONG_STEP, `Security is set up on a service request IN_PROGRESS (start it first); this one is ${sr.status}.`, { status: sr.status });
    }
    const contact = await visibleSubject(ctx, tx, sr);
    await assertSetUpPossible(tx, contact, await linkedCaseIds(tx, sr));
    await writeSecurityAccount(ctx, tx, contact, prepared);
    takeOwnership(ctx, sr);
    await completeActivity(ctx, tx, sr, SET_UP_ACTIVITIES.collect, outcome.collect, ActivityStatus.DONE, outcome.collectNote ?? null);
    await completeActivity(ctx, tx, sr, SET_UP_ACTIVITIES.pinAndPassword, outcome.pinAndPassword);
    await addNote(ctx, tx, sr, outcome.note);
    // Seed 001: once the questions are done, the convenient call times go on the contact (PREF-7).
    if (callTimes) {
      await recordContactCallTimes(ctx, tx, contact.id, callTimes);
      await addNote(ctx, tx, sr, 'Preferred call times recorded at contact level.');
    }
    sr.resolutionCode = outcome.resolution;
    moveStatus(ctx, sr, SrStatus.CLOSED, SrSubStatus.COMPLETE);
    sr.nextActionDue = null;
  });
}

/** SEC-1: PIN, password and the seven answers (each defaulting to X), collected from the contact. */
export async function setUpSecurity(ctx: RequestContext, input: SetUpSecurityInput) {
  const problems = new InputProblems().check(isUuid(input.serviceRequestId), 'serviceRequestId', 'is not a valid id');
  checkPin(problems, 'pin', input.pin);
  checkPassword(problems, 'password', input.password);
  const answers = memorableAnswers(problems, 'answers', input.answers);
  const callTimes = checkCallTimes(problems, 'preferredCallTimes', input.preferredCallTimes);
  problems.throwIfAny();
  return recordSetUp(ctx, input, { pin: input.pin, password: input.password.trim(), answers, onDefaults: false }, {
    collect: ActivityOutcome.COLLECTED,
    pinAndPassword: ActivityOutcome.PIN_AND_PASSWORD_SET,
    resolution: SrResolution.SECURITY_SET_UP,
    note: 'Security details collected and set up (PIN, special customer password, memorable answers).',
  }, callTimes);
}

/** SEC-2: PIN 1234567, password "Apply Defaults", answers X; the contact is marked as on defaults. */
export async function applySecurityDefaults(ctx: RequestContext, input: ApplySecurityDefaultsInput) {
  new InputProblems().check(isUuid(input.serviceRequestId), 'serviceRequestId', 'is not a valid id').throwIfAny();
  const answers = Object.fromEntries(MEMORABLE_QUESTIONS.map((question) => [question, DEFAULT_ANSWER])) as Record<MemorableQuestion, string>;
  const why = input.reason === SecurityDefaultsReason.CLIENT_REFUSED ? 'the client refused to set up security' : 'the client could not be reached';
  return recordSetUp(ctx, input, { pin: DEFAULT_PIN, password: DEFAULT_PASSWORD, answers, onDefaults: true }, {
    collect: ActivityOutcome.DEFAULTS_APPLIED,
    collectNote: input.reason,
    pinAndPassword: ActivityOutcome.DEFAULTS_APPLIED,
    resolution: SrResolution.DEFAULTS_APPLIED,
    note: `Default security details applied because ${why}. Case information cannot be discussed by phone until the client sets their own.`,
  });
}
