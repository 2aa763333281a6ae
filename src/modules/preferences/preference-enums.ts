import { registerEnumType } from 'type-graphql';

/** PREF-4: the disability category of a contact (one at a time). */
export enum DisabilityCategory {
  BLIND_PARTIALLY_SIGHTED = 'BLIND_PARTIALLY_SIGHTED',
  COGNITIVE_IMPAIRMENT = 'COGNITIVE_IMPAIRMENT',
  DEAF_HARD_OF_HEARING = 'DEAF_HARD_OF_HEARING',
  LEARNING_DISABILITY = 'LEARNING_DISABILITY',
  LONG_TERM_HEALTH_CONDITION = 'LONG_TERM_HEALTH_CONDITION',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  PHYSICAL_IMPAIRMENT = 'PHYSICAL_IMPAIRMENT',
  OTHER = 'OTHER',
}

/** PREF-4: the type of a special requirement; each type allows its own values only. */
export enum SpecialRequirementType {
  HEARING = 'HEARING',
  MOBILITY = 'MOBILITY',
  SIGHT = 'SIGHT',
  SPEECH = 'SPEECH',
}

/** PREF-4: every value of every type (SIGNER is both HEARING and SPEECH). */
export enum SpecialRequirementValue {
  INDUCTION_LOOP = 'INDUCTION_LOOP',
  SIGNER = 'SIGNER',
  TEXTBOX = 'TEXTBOX',
  LIFTS = 'LIFTS',
  RAMPS = 'RAMPS',
  WIDER_DOORWAYS = 'WIDER_DOORWAYS',
  AUDIO_CD = 'AUDIO_CD',
  AUDIO_CASSETTE = 'AUDIO_CASSETTE',
  BRAILLE = 'BRAILLE',
  LARGE_PRINT = 'LARGE_PRINT',
  TEXT_BOX = 'TEXT_BOX',
}

/** PREF-4: the values each type allows, as the procedure's table lists them. */
export const REQUIREMENT_VALUES: Record<SpecialRequirementType, readonly SpecialRequirementValue[]> = {
  [SpecialRequirementType.HEARING]: [SpecialRequirementValue.INDUCTION_LOOP, SpecialRequirementValue.SIGNER, SpecialRequirementValue.TEXTBOX],
  [SpecialRequirementType.MOBILITY]: [SpecialRequirementValue.LIFTS, SpecialRequirementValue.RAMPS, SpecialRequirementValue.WIDER_DOORWAYS],
  [SpecialRequirementType.SIGHT]: [
    SpecialRequirementValue.AUDIO_CD, SpecialRequirementValue.AUDIO_CASSETTE, SpecialRequirementValue.BRAILLE, SpecialRequirementValue.LARGE_PRINT,
  ],
  [SpecialRequirementType.SPEECH]: [SpecialRequirementValue.SIGNER, SpecialRequirementValue.TEXT_BOX],
};

/** What a recorded change touched; kept with the SR so acceptance knows what changed (PREF-6). */
export enum PreferenceField {
  PREFERRED_CONTACT_METHOD = 'PREFERRED_CONTACT_METHOD',
  PREFERRED_LANGUAGE = 'PREFERRED_LANGUAGE',
  DISABILITY_CATEGORY = 'DISABILITY_CATEGORY',
  SPECIAL_REQUIREMENT_ADDED = 'SPECIAL_REQUIREMENT_ADDED',
  SPECIAL_REQUIREMENT_REMOVED = 'SPECIAL_REQUIREMENT_REMOVED',
  PREFERRED_CALL_TIMES = 'PREFERRED_CALL_TIMES',
}

/** Sub statuses and resolution of a change of contact preferences (seed 002). */
export const PreferenceSubStatus = {
  CONTACT_DETAILS: 'CONTACT_DETAILS',
  COC_ACCEPTED: 'COC_ACCEPTED',
  COMPLETED: 'COMPLETED',
} as const;
export const COC_ACCEPTED_RESOLUTION = 'COC_ACCEPTED';

/** Activity names of the CHANGE_CONTACT_PREFERENCES plan (sr-kinds.ts) and the call-times entry. */
export const PreferenceActivity = {
  VERIFY: 'Verify Client',
  UPDATE: 'Update Contact Preferences',
  LETTER: 'Send Confirmation Letter',
  CALL_TIMES: 'Preferred Call Times',
} as const;

/** PREF-7: preferred call times are an activity planned at this instant, so they sort first. */
export const CALL_TIMES_PLANNED_START = new Date('2035-01-01T00:00:00.000Z');

registerEnumType(DisabilityCategory, { name: 'DisabilityCategory', description: 'Disability category of a contact (PREF-4).' });
registerEnumType(SpecialRequirementType, { name: 'SpecialRequirementType', description: 'Type of a special requirement; each type allows its own values (PREF-4).' });
registerEnumType(SpecialRequirementValue, {
  name: 'SpecialRequirementValue',
  description: 'HEARING: INDUCTION_LOOP, SIGNER, TEXTBOX. MOBILITY: LIFTS, RAMPS, WIDER_DOORWAYS. SIGHT: AUDIO_CD, AUDIO_CASSETTE, BRAILLE, LARGE_PRINT. SPEECH: SIGNER, TEXT_BOX.',
});
registerEnumType(PreferenceField, { name: 'PreferenceField' });
