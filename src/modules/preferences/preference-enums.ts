import { registerEnumType } from 'type-graphql';
import { SrResolution, SrSubStatus } from '../service-requests/sr-classification';

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

/** PREF-4: every value of every type; SIGNER and TEXT_BOX serve both HEARING and SPEECH (one spelling, issue 8). */
export enum SpecialRequirementValue {
  INDUCTION_LOOP = 'INDUCTION_LOOP',
  SIGNER = 'SIGNER',
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
  [SpecialRequirementType.HEARING]: [SpecialRequirementValue.INDUCTION_LOOP, SpecialRequirementValue.SIGNER, SpecialRequirementValue.TEXT_BOX],
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

/**
 * Sub statuses and resolution of a change of contact preferences (seed 002). A closed change is
 * COMPLETE, spelled as a closed change of security details is (SEC-6), so front ends meet one word.
 */
export const PreferenceSubStatus = {
  CONTACT_DETAILS: SrSubStatus.CONTACT_DETAILS,
  COC_ACCEPTED: SrSubStatus.COC_ACCEPTED,
  COMPLETE: SrSubStatus.COMPLETE,
} as const;
export const COC_ACCEPTED_RESOLUTION = SrResolution.COC_ACCEPTED;

/** Activity names of the CHANGE_CONTACT_PREFERENCES plan (sr-kinds.ts) and the call-times entry. */
export const PreferenceActivity = {
  VERIFY: 'Verify Client',
  UPDATE: 'Update Contact Preferences',
  LETTER: 'Send Confirmation Letter',
  CALL_TIMES: 'Preferred Call Times',
} as const;

/** PREF-7: preferred call times are an activity planned at this instant, so they sort first. */
export const CALL_TIMES_PLANNED_START = new Date('2035-01-01T00:00:00.000Z');

registerEnumType(DisabilityCategory, {
  name: 'DisabilityCategory', description: 'Disability category of a contact (PREF-4).',
  valuesConfig: {
    BLIND_PARTIALLY_SIGHTED: { description: 'Blind or partially sighted.' },
    COGNITIVE_IMPAIRMENT: { description: 'A cognitive impairment.' },
    DEAF_HARD_OF_HEARING: { description: 'Deaf or hard of hearing.' },
    LEARNING_DISABILITY: { description: 'A learning disability.' },
    LONG_TERM_HEALTH_CONDITION: { description: 'A long-term health condition.' },
    MENTAL_HEALTH: { description: 'A mental health condition.' },
    PHYSICAL_IMPAIRMENT: { description: 'A physical impairment.' },
    OTHER: { description: 'Any other disability.' },
  },
});
registerEnumType(SpecialRequirementType, {
  name: 'SpecialRequirementType', description: 'Type of a special requirement; each type allows its own values (PREF-4).',
  valuesConfig: {
    HEARING: { description: 'Help hearing us: INDUCTION_LOOP, SIGNER, TEXT_BOX.' },
    MOBILITY: { description: 'Help getting around a building: LIFTS, RAMPS, WIDER_DOORWAYS.' },
    SIGHT: { description: 'Help reading what we send: AUDIO_CD, AUDIO_CASSETTE, BRAILLE, LARGE_PRINT.' },
    SPEECH: { description: 'Help speaking to us: SIGNER, TEXT_BOX.' },
  },
});
registerEnumType(SpecialRequirementValue, {
  name: 'SpecialRequirementValue',
  description: 'HEARING: INDUCTION_LOOP, SIGNER, TEXT_BOX. MOBILITY: LIFTS, RAMPS, WIDER_DOORWAYS. SIGHT: AUDIO_CD, AUDIO_CASSETTE, BRAILLE, LARGE_PRINT. SPEECH: SIGNER, TEXT_BOX.',
  valuesConfig: {
    INDUCTION_LOOP: { description: 'HEARING: an induction loop for hearing aids.' },
    SIGNER: { description: 'HEARING or SPEECH: a sign language interpreter.' },
    LIFTS: { description: 'MOBILITY: lifts instead of stairs.' },
    RAMPS: { description: 'MOBILITY: ramps instead of steps.' },
    WIDER_DOORWAYS: { description: 'MOBILITY: doorways wide enough for a wheelchair.' },
    AUDIO_CD: { description: 'SIGHT: letters as an audio CD.' },
    AUDIO_CASSETTE: { description: 'SIGHT: letters as an audio cassette.' },
    BRAILLE: { description: 'SIGHT: letters in braille (sets the letter format, LET-3).' },
    LARGE_PRINT: { description: 'SIGHT: letters in large print (sets the letter format, LET-3).' },
    TEXT_BOX: { description: 'HEARING or SPEECH: communicating in typed text (text box).' },
  },
});
registerEnumType(PreferenceField, {
  name: 'PreferenceField', description: 'Which contact preference a recorded change touched.',
  valuesConfig: {
    PREFERRED_CONTACT_METHOD: { description: 'How the client wants us to contact them (PREF-1, PREF-2).' },
    PREFERRED_LANGUAGE: { description: 'The language of contact; becoming WELSH can move a paying parent (PREF-6).' },
    DISABILITY_CATEGORY: { description: 'The disability category was set, changed or removed (PREF-4).' },
    SPECIAL_REQUIREMENT_ADDED: { description: 'A special requirement was added; newValue is TYPE/VALUE, e.g. SIGHT/LARGE_PRINT (PREF-4).' },
    SPECIAL_REQUIREMENT_REMOVED: { description: 'A special requirement was removed; oldValue is TYPE/VALUE (PREF-4).' },
    PREFERRED_CALL_TIMES: { description: 'When the client prefers to be called (PREF-7).' },
  },
});

/** PREF-5: what a warning on an accepted change of contact preferences is about. */
export enum PreferenceWarningCode {
  RECENT_LETTERS = 'RECENT_LETTERS',
}

registerEnumType(PreferenceWarningCode, {
  name: 'PreferenceWarningCode', description: 'What a warning to the caseworker is about (PREF-5).',
  valuesConfig: {
    RECENT_LETTERS: { description: 'Letters issued in the last 7 days may not follow the new preference: tell the client (letterIds names them).' },
  },
});
