import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  MemorableQuestion, SecurityCheckChannel, SecurityDeclineReason, SecurityDefaultsReason, SecurityLetterReason,
  SecurityNotifyBy,
} from './security-enums';

// Inputs carry secrets in; no output type has a field that could carry one out (SEC-3).

@InputType({ description: 'SEC-1: the seven memorable answers; each one left out or blank is recorded as "X".' })
export class MemorableAnswersInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) teacher?: string | null;
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => String, { nullable: true }) singer?: string | null;
  @Field(() => String, { nullable: true }) date?: string | null;
  @Field(() => String, { nullable: true }) event?: string | null;
  @Field(() => String, { nullable: true }) firstSchool?: string | null;
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
}

@InputType({ description: 'SEC-2: default security details when the client cannot be reached or refuses.' })
export class ApplySecurityDefaultsInput {
  @Field(() => ID, { description: 'The SECURITY_SET_UP service request.' })
  serviceRequestId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => SecurityDefaultsReason)
  reason: SecurityDefaultsReason;
}

@InputType()
export class SecurityAnswerInput {
  @Field(() => MemorableQuestion)
  question: MemorableQuestion;

  @Field({ description: 'Write-only.' })
  answer: string;
}

@InputType({ description: 'SEC-4: the two PIN digits asked for (in the order of the positions), the password and the two answers asked for.' })
export class AnswerSecurityCheckInput {
  @Field(() => ID)
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

@InputType()
export class SendSecurityDetailsFormInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => SecurityLetterReason, { description: 'Recorded in the notes (step 7).' })
  reason: SecurityLetterReason;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'Verification received: unblock if blocked and replace the PIN and/or password (SEC-6).' })
export class AcceptSecurityDetailsChangeInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'From the returned form; not given for a self-service SR (the client gave it). Write-only.' })
  newPin?: string | null;

  @Field(() => String, { nullable: true, description: 'From the returned form; not given for a self-service SR. Write-only.' })
  newPassword?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Seed 000 step 15: the client wants to add or remove a representative as a contact on the case; noted on the SR.' })
  communicateWithClientRep?: boolean | null;
}

@InputType()
export class CompleteSecurityDetailsChangeInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => SecurityNotifyBy, { description: 'SMS, or CMSL9802 when an SMS is not appropriate.' })
  notifyBy: SecurityNotifyBy;
}

@InputType()
export class DeclineSecurityDetailsChangeInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => SecurityDeclineReason, { description: 'NO_RESPONSE only after CMSL9801 and its 7 days.' })
  reason: SecurityDeclineReason;

  @Field(() => String, { nullable: true })
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

  @Field(() => Date, { nullable: true })
  blockedAt: Date | null;

  @Field(() => Date, { nullable: true })
  setUpAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until when a passed security check verifies the contact; null when not verified now.' })
  verifiedUntil: Date | null;
}

@ObjectType({ description: 'SEC-4: what to ask. The answers stay on the server.' })
export class SecurityChallenge {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  contactId: string;

  @Field(() => SecurityCheckChannel)
  channel: SecurityCheckChannel;

  @Field(() => [Int], { description: 'The two PIN positions to ask for (1 = first digit).' })
  pinPositions: number[];

  @Field(() => [MemorableQuestion], { description: 'The two memorable questions to ask.' })
  questions: MemorableQuestion[];

  @Field()
  expiresAt: Date;
}

@ObjectType({ description: 'The result of a security check. Which part was wrong is never said.' })
export class SecurityCheckOutcome {
  @Field()
  passed: boolean;

  @Field({ description: 'SEC-5: the account is blocked (now or already).' })
  blocked: boolean;

  @Field(() => Int)
  failedAttempts: number;

  @Field(() => Int, { description: 'Failed checks left before the account is blocked.' })
  attemptsRemaining: number;

  @Field(() => Date, { nullable: true, description: 'A pass verifies the contact until then (e.g. for PREF-3).' })
  verifiedUntil: Date | null;
}
