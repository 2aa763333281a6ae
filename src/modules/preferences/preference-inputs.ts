import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Contact } from '../contacts/contact.entity';
import { ContactMethod, PreferredLanguage } from '../contacts/contact-enums';
import { Letter } from '../letters/letter.entity';
import { Case } from '../cases/case.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { SrActionInput } from '../service-requests/sr-inputs';
import { DisabilityCategory, PreferenceWarningCode, SpecialRequirementType, SpecialRequirementValue } from './preference-enums';

@InputType({ description: 'A special requirement: the value must be one of its type (PREF-4).' })
export class SpecialRequirementInput {
  @Field(() => SpecialRequirementType, { description: 'HEARING, MOBILITY, SIGHT or SPEECH.' })
  type: SpecialRequirementType;

  @Field(() => SpecialRequirementValue, { description: 'One of the values its type allows; another is BAD_USER_INPUT (PREF-4).' })
  value: SpecialRequirementValue;
}

@InputType({ description: 'The changes the client asked for; at least one. Fields left out stay as they are.' })
export class ContactPreferencesChangeInput {
  @Field(() => ContactMethod, { nullable: true, description: 'SELF_SERVICE only for a client registered and active on self service (PREF-2).' })
  preferredContactMethod?: ContactMethod | null;

  @Field(() => PreferredLanguage, { nullable: true, description: 'A paying parent becoming WELSH moves with their case group to the WELSH segment on acceptance (PREF-6).' })
  preferredLanguage?: PreferredLanguage | null;

  @Field(() => DisabilityCategory, { nullable: true, description: 'Sets or replaces the disability category (one at a time, PREF-4).' })
  disabilityCategory?: DisabilityCategory | null;

  @Field(() => Boolean, { nullable: true, description: 'Removes the recorded disability category.' })
  removeDisabilityCategory?: boolean | null;

  @Field(() => [SpecialRequirementInput], { nullable: true, description: 'Special requirements to add (PREF-4).' })
  addRequirements?: SpecialRequirementInput[] | null;

  @Field(() => [SpecialRequirementInput], { nullable: true, description: 'Special requirements to remove (PREF-4).' })
  removeRequirements?: SpecialRequirementInput[] | null;

  @Field(() => String, { nullable: true, description: 'Preferred call times, e.g. "weekdays after 6pm" (PREF-7), at most 200 characters.' })
  preferredCallTimes?: string | null;
}

@InputType({ description: 'Records the client\'s new contact preferences on an IN_PROGRESS CHANGE_CONTACT_PREFERENCES SR.' })
export class RecordContactPreferencesInput extends ContactPreferencesChangeInput {
  @Field(() => ID, { description: 'The CHANGE_CONTACT_PREFERENCES service request.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The SR version the caller last saw; a different one is a CONFLICT.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Self service: the changes the signed-in client asks for (at least one); fields left out stay as they are.' })
export class RequestContactPreferencesChangeInput extends ContactPreferencesChangeInput {}

@InputType({ description: 'PREF-5: the CHANGE_CONTACT_PREFERENCES service request to accept, and whether to confirm by SMS too.' })
export class AcceptContactPreferencesChangeInput extends SrActionInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Seed 002 step 10: also send the SMS confirming the change (never instead of the letter); BAD_USER_INPUT when no phone number is held.',
  })
  notifyBySms?: boolean | null;
}

@ObjectType({ description: 'Base of the payloads of a recorded change of contact preferences (not in the schema on its own).' })
export class ContactPreferencesPayload {
  @Field(() => ServiceRequest, { description: 'The CHANGE_CONTACT_PREFERENCES service request with the change recorded.' })
  serviceRequest: ServiceRequest;

  @Field(() => Contact, { nullable: true, description: 'The contact with the new preferences; null if the caller may not see it.' })
  contact: Contact | null;
}

@ObjectType({ description: 'The SR after the change was recorded, and the contact as it is now (recordContactPreferences).' })
export class RecordContactPreferencesPayload extends ContactPreferencesPayload {}

@ObjectType({ description: 'The self-service SR raised with the change recorded, and the contact as it is now (requestContactPreferencesChange).' })
export class RequestContactPreferencesChangePayload extends ContactPreferencesPayload {}

@ObjectType({ description: 'Something the caseworker must tell the client (PREF-5).' })
export class PreferenceWarning {
  @Field(() => PreferenceWarningCode, { description: 'What the warning is about; a screen may choose how to show each code.' })
  code: PreferenceWarningCode;

  @Field({ description: 'The warning in words, ready to show to the caseworker.' })
  message: string;

  @Field(() => [ID], { description: 'The letters concerned (for RECENT_LETTERS: issued in the last 7 days).' })
  letterIds: string[];
}

@ObjectType({ description: 'The accepted change (PREF-5): the closed SR, the confirmation letter and what to tell the client.' })
export class AcceptContactPreferencesChangePayload {
  @Field(() => ServiceRequest, { description: 'The service request, now CLOSED with resolution COC_ACCEPTED.' })
  serviceRequest: ServiceRequest;

  @Field(() => Letter, { nullable: true, description: 'CMSL9547 (receiving parent) or CMSL9548 (paying parent); null if the caller may not see the contact.' })
  letter: Letter | null;

  @Field(() => [PreferenceWarning], { description: 'What to tell the client; empty when there is nothing (PREF-5).' })
  warnings: PreferenceWarning[];

  @Field(() => [Case], { description: 'PREF-6: the cases moved to the WELSH segment with the paying parent.' })
  movedCases: Case[];

  @Field({ description: 'Seed 002 step 10: the SMS confirming the change was sent as well as the letter.' })
  smsSent: boolean;
}
