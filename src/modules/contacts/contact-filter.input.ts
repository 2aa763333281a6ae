import { Field, ID, InputType } from 'type-graphql';
import { ClientRole, ContactKind } from './contact-enums';

@InputType({ description: 'All given criteria must match. Only contacts the caller may see are ever matched.' })
export class ContactFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive prefix of the first or last name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact SCIN (spaces and case ignored, like the NINO).' })
  scin?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact national insurance number (spaces and case ignored).' })
  nino?: string | null;

  @Field(() => ID, { nullable: true, description: 'Contacts party to this case.' })
  caseId?: string | null;

  @Field(() => ClientRole, { nullable: true, description: 'Only clients with this role (PWC or NRP).' })
  role?: ClientRole | null;

  @Field(() => ContactKind, { nullable: true, description: 'Only clients, or only representatives.' })
  kind?: ContactKind | null;
}
