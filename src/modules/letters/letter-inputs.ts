import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LetterStatus, LetterTemplate } from './letter-enums';
import { Letter } from './letter.entity';

@InputType({ description: 'All given criteria must match; only letters of contacts the caller may see are matched.' })
export class LetterFilter {
  @Field(() => ID, { nullable: true })
  contactId?: string | null;

  @Field(() => ID, { nullable: true })
  serviceRequestId?: string | null;

  @Field(() => [LetterStatus], { nullable: true })
  status?: LetterStatus[] | null;

  @Field(() => [LetterTemplate], { nullable: true })
  template?: LetterTemplate[] | null;
}

@InputType()
export class LetterActionInput {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: 'LET-3: the exact copy of the original and its covering letter, both GENERATED.' })
export class ReissueLetterPayload {
  @Field(() => Letter)
  reissue: Letter;

  @Field(() => Letter)
  coveringLetter: Letter;
}

@ObjectType({ description: 'What the end-of-day batch sent (LET-2, LET-4).' })
export class LetterBatchPayload {
  @Field({ description: 'False when another batch was running: nothing was done.' })
  ran: boolean;

  @Field(() => Int)
  posted: number;

  @Field(() => Int, { description: 'Stored online, each with an email notice to the client.' })
  online: number;
}
