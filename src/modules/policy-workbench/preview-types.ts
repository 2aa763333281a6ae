import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Action } from '../../authorization/ability';
import { AccessPurpose } from '../../authorization/grant-purpose';
import { PolicyAction } from '../audit/audit-types';
import { AccessRequestStatus } from '../access-requests/access-enums';

export enum OverlapKind {
  /** A grant of the requester, live now or starting later, overlapping the new one in time and in what it covers. */
  GRANT = 'GRANT',
  /** Another pending form of the requester for the same contact or SR. */
  REQUEST = 'REQUEST',
}
registerEnumType(OverlapKind, {
  name: 'OverlapKind', description: 'What overlaps the previewed grant.',
  valuesConfig: {
    GRANT: { description: 'A grant of the requester, live now or starting later, overlapping the new one in time and in what it covers.' },
    REQUEST: { description: 'Another pending form of the requester for the same contact or service request.' },
  },
});

@ObjectType({ description: 'A row the grant would open to the requester, which the caller may see.' })
export class PreviewGain {
  @Field({ description: 'Contact, ServiceRequest, Letter, PreferenceChange...' })
  subjectType: string;

  @Field(() => ID, { description: 'Identifier of the row.' })
  subjectId: string;

  @Field(() => [PolicyAction], { description: 'What the requester could newly do to it (empty: only its personal data becomes visible).' })
  actions: Action[];

  @Field(() => [String], { description: "Fields of the contact's personal data on this row that the requester would newly see (SCR-3)." })
  personalFields: string[];
}

@ObjectType({ description: 'Rows the grant would open that the caller may not see: counted and described, never named.' })
export class PreviewHidden {
  @Field({ description: 'What kind of rows, e.g. Contact.' })
  subjectType: string;

  @Field(() => Int, { description: 'How many such rows.' })
  count: number;

  @Field({ description: 'e.g. "1 sensitive contact you cannot see".' })
  description: string;
}

@ObjectType({ description: 'A live or pending grant, or a pending form, of the requester that overlaps this one.' })
export class PreviewOverlap {
  @Field(() => OverlapKind, { description: 'A grant or a pending form.' })
  kind: OverlapKind;

  @Field(() => ID, { description: 'Identifier of the grant or form.' })
  id: string;

  @Field(() => AccessPurpose, { description: 'What it is for.' })
  purpose: AccessPurpose;

  @Field({ description: 'GRANT: ACTIVE or NOT_STARTED; REQUEST: its status.' })
  state: string;

  @Field(() => Date, { nullable: true, description: 'GRANT: when it starts (or started); null for a REQUEST, which has no dates yet.' })
  from: Date | null;

  @Field(() => Date, { nullable: true, description: 'GRANT: when it ends; null for a REQUEST.' })
  until: Date | null;
}

@ObjectType({ description: 'What a pending access request would grant if approved now (POL-2). Computed with the real rules; nothing is written.' })
export class AccessRequestPreview {
  @Field(() => ID, { description: 'The access request previewed.' })
  requestId: string;

  @Field(() => AccessRequestStatus, { description: 'The stage it waits at, which the caller decides.' })
  status: AccessRequestStatus;

  @Field(() => AccessPurpose, { description: 'What the access is for.' })
  purpose: AccessPurpose;

  @Field({ description: 'The grant would start here if granted now (it starts when FLLS grants it).' })
  from: Date;

  @Field({ description: 'And end here: `from` plus the hours.' })
  until: Date;

  @Field(() => Int, { description: 'The hours given, or else the hours requested.' })
  hours: number;

  @Field(() => [PreviewGain], { description: 'What becomes visible or actionable for the requester, as far as the caller may see it.' })
  gains: PreviewGain[];

  @Field(() => [PreviewHidden], { description: 'What becomes visible or actionable that the caller may not see.' })
  hidden: PreviewHidden[];

  @Field(() => [PreviewOverlap], { description: 'Overlapping grants and pending forms of the requester the caller may see.' })
  overlaps: PreviewOverlap[];

  @Field(() => Int, { description: 'Overlapping grants and forms the caller may not see.' })
  hiddenOverlaps: number;

  @Field(() => [String], { description: 'Points worth a look before deciding, in words.' })
  notes: string[];

  @Field({ description: 'The instant the preview was computed for.' })
  asOf: Date;
}
