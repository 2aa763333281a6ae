import { declarePersonalData } from '../../authorization/personal-data';
import type { PreferenceChange } from './preference-change.entity';
import type { ContactCallTimes } from './contact-call-times.entity';
import type { SpecialRequirement } from './special-requirement.entity';

declarePersonalData<PreferenceChange>('PreferenceChange', {
  contactOf: (_ctx, change) => change.contactId,
  personal: ['oldValue', 'newValue'],
  notPersonal: ['actorType', 'changedAt', 'field'],
});

// Health and disability requirements (PREF-4) are the contact's personal data.
declarePersonalData<SpecialRequirement>('SpecialRequirement', {
  contactOf: (_ctx, requirement) => requirement.contactId,
  personal: ['type', 'value'],
  notPersonal: ['id', 'createdAt'],
});

// PREF-7: when a client wants to be called is theirs; the record's dates and status say nothing about them.
declarePersonalData<ContactCallTimes>('ContactCallTimes', {
  contactOf: (_ctx, times) => times.contactId,
  personal: ['description'],
  notPersonal: ['plannedStart', 'status', 'recordedAt'],
});
