import { PreferredLanguage } from '../contacts/contact-enums';
import { LetterTemplate } from './letter-enums';
import { detailLines, type Frame, headerOf, type Labels, type LetterContext, type Rendered, type Templates } from './letter-frame';
import { WELSH_TEMPLATES } from './letter-templates.cy';

export const ENGLISH_LABELS: Labels = {
  contactMethod: { TELEPHONE: 'Telephone', LETTER: 'Letter', EMAIL: 'Email', SMS: 'Text message (SMS)', SELF_SERVICE: 'Self service' },
  language: { ENGLISH: 'English', WELSH: 'Welsh' },
  requirementType: { HEARING: 'Hearing', MOBILITY: 'Mobility', SIGHT: 'Sight', SPEECH: 'Speech' },
  requirementValue: {
    INDUCTION_LOOP: 'Induction loop', SIGNER: 'Signer', LIFTS: 'Lifts', RAMPS: 'Ramps', WIDER_DOORWAYS: 'Wider doorways',
    AUDIO_CD: 'Audio CD', AUDIO_CASSETTE: 'Audio cassette', BRAILLE: 'Braille', LARGE_PRINT: 'Large print', TEXT_BOX: 'Text box',
  },
  disability: {
    BLIND_PARTIALLY_SIGHTED: 'Blind or partially sighted', COGNITIVE_IMPAIRMENT: 'Cognitive impairment',
    DEAF_HARD_OF_HEARING: 'Deaf or hard of hearing', LEARNING_DISABILITY: 'Learning disability',
    LONG_TERM_HEALTH_CONDITION: 'Long-term health condition', MENTAL_HEALTH: 'Mental health condition',
    PHYSICAL_IMPAIRMENT: 'Physical impairment', OTHER: 'Other',
  },
};


const EN: Frame = {
  date: 'Date', reference: 'Our reference', caseWord: 'case', dear: 'Dear', none: 'None',
  signOff: '\n\nYours sincerely,\nChild Maintenance Group',
  formatDate: (date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }),
};
const header = headerOf(EN);

function personalDetails(ctx: LetterContext, role: string): Rendered {
  return {
    title: "We've updated your personal details",
    body: header(ctx) + `We have updated the personal details we hold for you as the ${role}. These are the details we now hold:\n\n` +
      detailLines(ctx, ENGLISH_LABELS, {
        name: 'Name', address: 'Address', telephone: 'Telephone', email: 'Email', method: 'Preferred contact method',
        language: 'Preferred language', requirements: 'Special requirements', disability: 'Disability category', none: EN.none,
      }) +
      '\n\nIf any of these details are wrong, please tell us.' + EN.signOff,
  };
}

/** LET-1: each template's text in English, as the procedures describe the letters. */
const ENGLISH_TEMPLATES: Templates = {
  [LetterTemplate.CMSL9800]: (ctx) => ({
    title: 'We need to update your security details',
    body: header(ctx) + 'We need to update the security details we hold for you. We enclose a change of security details form. ' +
      'Please fill it in and return it to us within 7 days: we cannot speak to you about your case by phone until we have it.' + EN.signOff,
  }),
  [LetterTemplate.CMSL9801]: (ctx) => ({
    title: 'Reminder: we need to update your security details',
    body: header(ctx) + 'We wrote to you 7 days ago and enclosed a form to update your security details. We have not received it yet. ' +
      'Please fill in the form and return it to us within 7 days. Until we have it you will not be able to speak to the ' +
      'Child Maintenance Group about your case.' + EN.signOff,
  }),
  [LetterTemplate.CMSL9802]: (ctx) => ({
    title: 'Thank you for updating your security details',
    body: header(ctx) + 'Thank you for returning your form. Your security details have been updated. Please keep them safe: ' +
      'we will ask for them every time you call us.' + EN.signOff,
  }),
  [LetterTemplate.CMSL9547]: (ctx) => personalDetails(ctx, 'receiving parent'),
  [LetterTemplate.CMSL9548]: (ctx) => personalDetails(ctx, 'paying parent'),
  [LetterTemplate.COVERING_REISSUE]: (ctx) => ({
    title: 'A copy of a letter we sent you',
    body: header(ctx) + 'As you asked, we enclose an exact copy of our letter ' +
      `"${ctx.covers?.title ?? ''}" (${ctx.covers?.template ?? ''})` +
      `${ctx.covers?.sentAt ? `, which we sent you on ${EN.formatDate(ctx.covers.sentAt)}` : ''}.` + EN.signOff,
  }),
};

/** LET-1: the contact's preferred language decides the templates (English or Welsh). */
export function templatesFor(language: PreferredLanguage): Templates {
  return language === PreferredLanguage.WELSH ? WELSH_TEMPLATES : ENGLISH_TEMPLATES;
}
