import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LetterStatus, LetterTemplate } from './letter-enums';
import { Letter } from './letter.entity';

@InputType({ description: 'All given criteria must match; only letters of contacts the caller may see are matched.' })
export class LetterFilter {
  @Field(() => ID, { nullable: true, description: 'Only letters to this contact.' })
  contactId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only letters of this service request.' })
  serviceRequestId?: string | null;

  @Field(() => [LetterStatus], { nullable: true, description: 'Only letters in one of these statuses.' })
  status?: LetterStatus[] | null;

  @Field(() => [LetterTemplate], { nullable: true, description: 'Only letters of one of these templates.' })
  template?: LetterTemplate[] | null;
}

@InputType({ description: 'Names the letter to cancel or reissue.' })
export class LetterActionInput {
  @Field(() => ID, { description: 'Identifier of the letter.' })
  id: string;
}

@InputType({ description: 'LET-2: the GENERATED letter to cancel.' })
export class CancelLetterInput extends LetterActionInput {}

@InputType({ description: 'LET-3: the SENT letter to copy and send again.' })
export class ReissueLetterInput extends LetterActionInput {}

@ObjectType({ description: 'LET-2: the letter, now CANCELLED (cancelLetter).' })
export class CancelLetterPayload {
  @Field(() => Letter, { description: 'The cancelled letter.' })
  letter: Letter;
}

@ObjectType({ description: 'LET-3: the exact copy of the original and its covering letter, both GENERATED.' })
export class ReissueLetterPayload {
  @Field(() => Letter, { description: 'The exact copy of the original letter.' })
  reissue: Letter;

  @Field(() => Letter, { description: 'The covering letter sent with the copy.' })
  coveringLetter: Letter;
}

@ObjectType({ description: 'What the end-of-day batch sent (runLetterBatch, LET-2, LET-4).' })
export class RunLetterBatchPayload {
  @Field({ description: 'False when another batch was running: nothing was done.' })
  ran: boolean;

  @Field(() => Int, { description: 'Letters printed and posted.' })
  posted: number;

  @Field(() => Int, { description: 'Stored online, each with an email notice to the client.' })
  online: number;
}
