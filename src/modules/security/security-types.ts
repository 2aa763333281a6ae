import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  MemorableQuestion, SecurityCheckChannel, SecurityDeclineReason, SecurityDefaultsReason, SecurityLetterReason,
  SecurityNotifyBy,
} from './security-enums';

// Inputs carry secrets in; no output type has a field that could carry one out (SEC-3).

@InputType({ description: 'SEC-1: the seven memorable answers; each one left out or blank is recorded as "X".' })
export class MemorableAnswersInput {
  @Field(() => String, { nullable: true, description: 'A memorable name. Write-only.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'A favourite teacher. Write-only.' }) teacher?: string | null;
  @Field(() => String, { nullable: true, description: 'A memorable place. Write-only.' }) place?: string | null;
  @Field(() => String, { nullable: true, description: 'A favourite singer. Write-only.' }) singer?: string | null;
  @Field(() => String, { nullable: true, description: 'A memorable date, as the client says it. Write-only.' }) date?: string | null;
  @Field(() => String, { nullable: true, description: 'A memorable event. Write-only.' }) event?: string | null;
  @Field(() => String, { nullable: true, description: 'The first school the client attended. Write-only.' }) firstSchool?: string | null;
}

@InputType({ description: 'Security set up on an IN_PROGRESS SECURITY_SET_UP service request; its subject is the contact (SEC-1).' })
export class SetUpSecurityInput {
  @Field(() => ID, { description: 'The SECURITY_SET_UP service request.' })
  serviceRequestId: string;

  @Field(() => Int, { nullable: true, description: 'The SR version the caller last saw; a different one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field({ description: 'Exactly seven digits, not all zeros. Write-only.' })
  pin: string;

  @Field({ description: 'Special customer password, no inappropriate language. Write-only.' })
  password: string;

  @Field(() => MemorableAnswersInput, { nullable: true, description: 'Write-only.' })
  answers?: MemorableAnswersInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'Seed 001: when it is most convenient for us to call, e.g. "weekdays after 6pm", at most 200 characters; recorded at contact level (PREF-7).',
  })
  preferredCallTimes?: string | null;
}

@InputType({ description: 'SEC-2: default security details when the client cannot be reached or refuses.' })
export class ApplySecurityDefaultsInput {
  @Field(() => ID, { description: 'The SECURITY_SET_UP service request.' })
  serviceRequestId: string;

  @Field(() => Int, { nullable: true, description: 'The SR version the caller last saw; a different one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => SecurityDefaultsReason, { description: 'Why defaults are applied: the client could not be reached or refused.' })
  reason: SecurityDefaultsReason;
}

@InputType({ description: 'The answer the client gave to one memorable question (SEC-4).' })
export class SecurityAnswerInput {
  @Field(() => MemorableQuestion, { description: 'One of the two questions the challenge asked.' })
  question: MemorableQuestion;

  @Field({ description: 'Write-only.' })
  answer: string;
}

@InputType({ description: 'SEC-4: the two PIN digits asked for (in the order of the positions), the password and the two answers asked for.' })
export class AnswerSecurityCheckInput {
  @Field(() => ID, { description: 'The id of the challenge returned by startSecurityCheck.' })
  checkId: string;

  @Field(() => [String], { description: 'Two single digits, for the positions in the order given by the challenge. Write-only.' })
  pinDigits: string[];

  @Field({ description: 'Write-only.' })
  password: string;

  @Field(() => [SecurityAnswerInput], { description: 'The two questions of the challenge. Write-only.' })
  answers: SecurityAnswerInput[];
}

@InputType({ description: 'SEC-7: new details given by the client through self service; a caseworker then accepts or declines them.' })
export class RequestSecurityDetailsChangeInput {
  @Field(() => String, { nullable: true, description: 'New PIN: seven digits, not all zeros. Write-only.' })
  newPin?: string | null;

  @Field(() => String, { nullable: true, description: 'New special customer password. Write-only.' })
  newPassword?: string | null;
}

@InputType({ description: 'SEC-6 step 7: send the security details form CMSL9800 on a change of security details SR.' })
export class SendSecurityDetailsFormInput {
  @Field(() => ID, { description: 'The CHANGE_SECURITY_DETAILS service request.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The SR version the caller last saw; a different one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => SecurityLetterReason, { description: 'Recorded in the notes (step 7).' })
  reason: SecurityLetterReason;

  @Field(() => String, { nullable: true, description: 'Free text added to the SR notes, at most 4000 characters.' })
  note?: string | null;
}

@InputType({ description: 'Verification received: unblock if blocked and replace the PIN and/or password (SEC-6).' })
export class AcceptSecurityDetailsChangeInput {
  @Field(() => ID, { description: 'The CHANGE_SECURITY_DETAILS service request.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The SR version the caller last saw; a different one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'From the returned form; not given for a self-service SR (the client gave it). Write-only.' })
  newPin?: string | null;

  @Field(() => String, { nullable: true, description: 'From the returned form; not given for a self-service SR. Write-only.' })
  newPassword?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Seed 000 step 15: the client wants to add or remove a representative as a contact on the case; noted on the SR.' })
  communicateWithClientRep?: boolean | null;
}

@InputType({ description: 'SEC-6: tell the client the change is done and close the SR (resolution COFC_ACCEPTED, CLOSED / COMPLETE).' })
export class CompleteSecurityDetailsChangeInput {
  @Field(() => ID, { description: 'The CHANGE_SECURITY_DETAILS service request, already accepted (sub status COFC_ACCEPT).' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The SR version the caller last saw; a different one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => SecurityNotifyBy, { description: 'SMS, or CMSL9802 when an SMS is not appropriate.' })
  notifyBy: SecurityNotifyBy;
}

@InputType({ description: 'SEC-6: decline a change of security details (COFC_DECLINED, resolution COC_REJECTED, CLOSED / COMPLETE).' })
export class DeclineSecurityDetailsChangeInput {
  @Field(() => ID, { description: 'The CHANGE_SECURITY_DETAILS service request.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The SR version the caller last saw; a different one is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => SecurityDeclineReason, { description: 'NO_RESPONSE only after CMSL9801 and its 7 days.' })
  reason: SecurityDeclineReason;

  @Field(() => String, { nullable: true, description: 'Free text added to the SR notes, at most 4000 characters.' })
  note?: string | null;
}

@ObjectType({ description: 'Whether a contact has security details and the state of their account; never the details themselves (SEC-3).' })
export class SecurityStatus {
  @Field({ description: 'Security details are held.' })
  setUp: boolean;

  @Field({ description: 'SEC-2: on the default PIN, password and answers until the client sets their own.' })
  onDefaults: boolean;

  @Field({ description: 'SEC-5: blocked after three consecutive failed checks, until a change of security details (a representative: maintainRepresentativeSecurity, REP-3) unblocks it.' })
  blocked: boolean;

  @Field(() => Int, { description: 'Consecutive failed checks.' })
  failedAttempts: number;

  @Field(() => Date, { nullable: true, description: 'When the account was blocked (SEC-5); null when it is not blocked.' })
  blockedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When security details were set up (or defaults applied); null when none are held.' })
  setUpAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until when a passed security check verifies the contact; null when not verified now.' })
  verifiedUntil: Date | null;
}

@ObjectType({ description: 'SEC-4: what to ask. The answers stay on the server.' })
export class SecurityChallenge {
  @Field(() => ID, { description: 'The check id: give it back as checkId in answerSecurityCheck.' })
  id: string;

  @Field(() => ID, { description: 'The contact being checked.' })
  contactId: string;

  @Field(() => SecurityCheckChannel, { description: 'Who answers: a caseworker on the phone (not case sensitive) or the client online (case sensitive).' })
  channel: SecurityCheckChannel;

  @Field(() => [Int], { description: 'The two PIN positions to ask for (1 = first digit).' })
  pinPositions: number[];

  @Field(() => [MemorableQuestion], { description: 'The two memorable questions to ask.' })
  questions: MemorableQuestion[];

  @Field({ description: 'Answer before then; after it the check has expired and a new one must be started.' })
  expiresAt: Date;
}

@ObjectType({ description: 'The result of a security check (answerSecurityCheck). Which part was wrong is never said.' })
export class AnswerSecurityCheckPayload {
  @Field({ description: 'The client answered everything correctly; the contact is verified until verifiedUntil.' })
  passed: boolean;

  @Field({ description: 'SEC-5: the account is blocked (now or already).' })
  blocked: boolean;

  @Field(() => Int, { description: 'Consecutive failed checks now; a pass resets it to 0 (SEC-5).' })
  failedAttempts: number;

  @Field(() => Int, { description: 'Failed checks left before the account is blocked.' })
  attemptsRemaining: number;

  @Field(() => Date, { nullable: true, description: 'A pass verifies the contact until then (e.g. for PREF-3).' })
  verifiedUntil: Date | null;
}

@InputType({ description: 'SEC-4: the contact to check.' })
export class StartSecurityCheckInput {
  @Field(() => ID, { description: 'Identifier of the contact to check.' })
  contactId: string;
}
