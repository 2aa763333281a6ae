import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { findVisibleLetter } from '../letters/letter.service';
import { SrActionInput } from '../service-requests/sr-inputs';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { DisabilityCategory } from './preference-enums';
import { PreferenceChange } from './preference-change.entity';
import {
  AcceptContactPreferencesPayload, ContactPreferencesChangeInput, ContactPreferencesPayload, PreferenceWarning,
  RecordContactPreferencesInput,
} from './preference-inputs';
import { acceptContactPreferencesChange, recordContactPreferences, requestContactPreferencesChange } from './preferences.service';
import { SpecialRequirement } from './special-requirement.entity';
import { contactById } from '../contacts/contact.loaders';
import { disabilityByContactId, preferenceChangesBySrId, specialRequirementsByContactId } from './preference.loaders';


async function payload(ctx: RequestContext, sr: ServiceRequest): Promise<ContactPreferencesPayload> {
  contactById(ctx).clear(sr.subjectContactId);
  return Object.assign(new ContactPreferencesPayload(), {
    serviceRequest: sr,
    contact: await contactById(ctx).load(sr.subjectContactId),
  });
}

@Resolver()
export class ContactPreferencesResolver {
  @Requires(Policies.canAny(['work', 'ServiceRequest'], ['selfServe', 'ServiceRequest']))
  @Mutation(() => ContactPreferencesPayload, {
    description: 'Records new contact preferences on an IN_PROGRESS CHANGE_CONTACT_PREFERENCES SR, after the client passed a security ' +
      'check in this contact (PREF-3): by a caseworker of the owning segment, or by the self-service client it is about.',
  })
  async recordContactPreferences(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordContactPreferencesInput) input: RecordContactPreferencesInput,
  ) {
    return payload(ctx, await recordContactPreferences(ctx, input));
  }

  @Requires(Policies.can('selfServe', 'Contact'))
  @Mutation(() => ContactPreferencesPayload, {
    description: 'Self service only (staff get FORBIDDEN): after passing a security check, a client raises their own change of ' +
      'contact preferences with the change recorded; a caseworker of the owning segment accepts it within 24 hours (SR-4).',
  })
  async requestContactPreferencesChange(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ContactPreferencesChangeInput) input: ContactPreferencesChangeInput,
  ) {
    return payload(ctx, await requestContactPreferencesChange(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => AcceptContactPreferencesPayload, {
    description: 'PREF-5: CoC accepted, confirmation letter CMSL9547/CMSL9548, SR CLOSED/COMPLETED; warns of letters of the last ' +
      '7 days that may not follow the new preference. PREF-6: a paying parent now Welsh moves with their cases to WELSH.',
  })
  async acceptContactPreferencesChange(@Ctx() ctx: RequestContext, @Arg('input', () => SrActionInput) input: SrActionInput) {
    const accepted = await acceptContactPreferencesChange(ctx, input);
    const warnings = accepted.recentLetters.length === 0 ? [] : [Object.assign(new PreferenceWarning(), {
      code: 'RECENT_LETTERS',
      message: `${accepted.recentLetters.length} letter(s) issued in the last 7 days may not follow the new preference: tell the client.`,
      letterIds: accepted.recentLetters.map((letter) => letter.id),
    })];
    return Object.assign(new AcceptContactPreferencesPayload(), {
      serviceRequest: accepted.serviceRequest,
      letter: await findVisibleLetter(ctx, accepted.letter.id),
      warnings,
      movedCases: accepted.movedCases,
    });
  }
}

@Resolver(() => Contact)
export class ContactPreferencesFieldResolver {
  @FieldResolver(() => DisabilityCategory, { nullable: true, description: 'PREF-4.' })
  async disabilityCategory(@Ctx() ctx: RequestContext, @Root() contact: Contact) {
    return (await disabilityByContactId(ctx).load(contact.id))?.category ?? null;
  }

  @FieldResolver(() => [SpecialRequirement], { description: 'PREF-4: special requirements; large print or braille set the letter format (LET-3).' })
  specialRequirements(@Ctx() ctx: RequestContext, @Root() contact: Contact) {
    return specialRequirementsByContactId(ctx).load(contact.id);
  }
}

@Resolver(() => ServiceRequest)
export class ServiceRequestPreferencesResolver {
  @FieldResolver(() => [PreferenceChange], {
    description: 'Contact preferences changed on this SR, oldest first; empty when the caller may not see the subject (SCR-3).',
  })
  preferenceChanges(@Ctx() ctx: RequestContext, @Root() sr: ServiceRequest) {
    // The read rule of PreferenceChange includes the visibility of its contact (SCR-3).
    return preferenceChangesBySrId(ctx).load(sr.id);
  }
}
