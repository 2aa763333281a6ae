import { Field, InputType } from 'type-graphql';
import { ClientRole } from '../contacts/contact-enums';
import { Segment } from '../../authorization/roles';

@InputType({
  description:
    'All given criteria must match. Party criteria (name, SCIN, NINO, role) match only parties whose contact the caller may see, so a hidden contact cannot be found through its case.',
})
export class CaseFilter {
  @Field(() => String, { nullable: true, description: 'Exact case number.' })
  caseNumber?: string | null;

  @Field(() => Segment, { nullable: true, description: 'Only cases owned by this segment.' })
  segment?: Segment | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive prefix of a party's first or last name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "A party's exact SCIN." })
  scin?: string | null;

  @Field(() => String, { nullable: true, description: "A party's national insurance number." })
  nino?: string | null;

  @Field(() => ClientRole, { nullable: true, description: 'With name/SCIN/NINO: the party must have this role.' })
  role?: ClientRole | null;
}
