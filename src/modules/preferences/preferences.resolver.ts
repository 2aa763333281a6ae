import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { findVisibleLetter } from '../letters/letter.service';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { DisabilityCategory } from './preference-enums';
import { PreferenceChange } from './preference-change.entity';
import {
  AcceptContactPreferencesChangeInput, AcceptContactPreferencesChangePayload, ContactPreferencesPayload, PreferenceWarning,
  RecordContactPreferencesInput, RecordContactPreferencesPayload, RequestContactPreferencesChangeInput, RequestContactPreferencesChangePayload,
} from './preference-inputs';
import { PreferenceWarningCode } from './preference-enums';
import { recordContactPreferences, requestContactPreferencesChange } from './preferences.service';
import { acceptContactPreferencesChange } from './preference-accept.service';
import { SpecialRequirement } from './special-requirement.entity';
import { ContactCallTimes } from './contact-call-times.entity';
import { callTimesByContactId } from './call-times';
import { contactById } from '../contacts/contact.loaders';
import { disabilityByContactId, preferenceChangesBySrId, specialRequirementsByContactId } from './preference.loaders';


async function payload<T extends ContactPreferencesPayload>(ctx: RequestContext, Type: new () => T, sr: ServiceRequest): Promise<T> {
  contactById(ctx).clear(sr.subjectContactId);
  return Object.assign(new Type(), {
    serviceRequest: sr,
    contact: await contactById(ctx).load(sr.subjectContactId),
  });
}

@Resolver()
export class ContactPreferencesResolver {
  @Requires(Policies.canAny(['work', 'ServiceRequest'], ['selfServe', 'ServiceRequest']))
  @Mutation(() => RecordContactPreferencesPayload, {
    description: 'Records new contact preferences on an IN_PROGRESS CHANGE_CONTACT_PREFERENCES SR, after the client passed a security ' +
      'check in this contact (PREF-3): by a caseworker of the owning segment, or by the self-service client it is about.',
  })
  async recordContactPreferences(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordContactPreferencesInput, { description: 'The service request and the changes the client asked for.' }) input: RecordContactPreferencesInput,
  ) {
    return payload(ctx, RecordContactPreferencesPayload, await recordContactPreferences(ctx, input));
  }

  @Requires(Policies.can('selfServe', 'Contact'))
  @Mutation(() => RequestContactPreferencesChangePayload, {
    description: 'Self service only (staff get FORBIDDEN): after passing a security check, a client raises their own change of ' +
      'contact preferences with the change recorded; a caseworker of the owning segment accepts it within 24 hours (SR-4).',
  })
  async requestContactPreferencesChange(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RequestContactPreferencesChangeInput, { description: 'The changes the signed-in client asks for.' }) input: RequestContactPreferencesChangeInput,
  ) {
    return payload(ctx, RequestContactPreferencesChangePayload, await requestContactPreferencesChange(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => AcceptContactPreferencesChangePayload, {
    description: 'PREF-5: CoC accepted, confirmation letter CMSL9547/CMSL9548 (and the SMS if asked), SR CLOSED/COMPLETE, owned by ' +
      'the accepting caseworker if it had no owner (self service); warns of letters of the last 7 days that may not follow the new ' +
      'preference. PREF-6: a paying parent now Welsh moves with their cases to WELSH.',
  })
  async acceptContactPreferencesChange(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AcceptContactPreferencesChangeInput, { description: 'The CHANGE_CONTACT_PREFERENCES service request to accept, and whether to send the SMS too.' })
    input: AcceptContactPreferencesChangeInput,
  ) {
    const accepted = await acceptContactPreferencesChange(ctx, input, { notifyBySms: input.notifyBySms });
    const warnings = accepted.recentLetters.length === 0 ? [] : [Object.assign(new PreferenceWarning(), {
      code: PreferenceWarningCode.RECENT_LETTERS,
      message: `${accepted.recentLetters.length} letter(s) issued in the last 7 days may not follow the new preference: tell the client.`,
      letterIds: accepted.recentLetters.map((letter) => letter.id),
    })];
    return Object.assign(new AcceptContactPreferencesChangePayload(), {
      serviceRequest: accepted.serviceRequest,
      letter: await findVisibleLetter(ctx, accepted.letter.id),
      warnings,
      movedCases: accepted.movedCases,
      smsSent: accepted.smsSent,
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

  @FieldResolver(() => ContactCallTimes, {
    nullable: true,
    description: 'PREF-7: preferred call times at contact level, taken at security set up or in a change of contact preferences.',
  })
  preferredCallTimes(@Ctx() ctx: RequestContext, @Root() contact: Contact) {
    return callTimesByContactId(ctx).load(contact.id);
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
