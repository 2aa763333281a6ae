import { type Frame, type Labels, type LetterContext, type Rendered, type Templates, detailLines, headerOf } from './letter-frame';
import { LetterTemplate } from './letter-enums';

/** Welsh (Cymraeg): for a contact whose preferred language is Welsh (LET-1, PREF-6). */

const CY_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];

const CY: Frame = {
  date: 'Dyddiad', reference: 'Ein cyfeirnod', caseWord: 'achos', dear: 'Annwyl', none: 'Dim',
  signOff: '\n\nYn gywir,\nY Grŵp Cynhaliaeth Plant',
  formatDate: (date) => {
    const [day, month, year] = date.toLocaleDateString('en-GB', { timeZone: 'Europe/London' }).split('/').map(Number);
    return `${day} ${CY_MONTHS[month - 1]} ${year}`;
  },
};

const WELSH_LABELS: Labels = {
  contactMethod: { TELEPHONE: 'Ffôn', LETTER: 'Llythyr', EMAIL: 'E-bost', SMS: 'Neges destun (SMS)', SELF_SERVICE: 'Hunanwasanaeth' },
  language: { ENGLISH: 'Saesneg', WELSH: 'Cymraeg' },
  requirementType: { HEARING: 'Clyw', MOBILITY: 'Symudedd', SIGHT: 'Golwg', SPEECH: 'Lleferydd' },
  requirementValue: {
    INDUCTION_LOOP: 'Dolen sain', SIGNER: 'Arwyddwr', LIFTS: 'Lifftiau', RAMPS: 'Rampiau', WIDER_DOORWAYS: 'Drysau lletach',
    AUDIO_CD: 'CD sain', AUDIO_CASSETTE: 'Casét sain', BRAILLE: 'Braille', LARGE_PRINT: 'Print bras', TEXT_BOX: 'Blwch testun',
  },
  disability: {
    BLIND_PARTIALLY_SIGHTED: 'Dall neu rannol ddall', COGNITIVE_IMPAIRMENT: 'Nam gwybyddol', DEAF_HARD_OF_HEARING: 'Byddar neu drwm eich clyw',
    LEARNING_DISABILITY: 'Anabledd dysgu', LONG_TERM_HEALTH_CONDITION: 'Cyflwr iechyd hirdymor', MENTAL_HEALTH: 'Cyflwr iechyd meddwl',
    PHYSICAL_IMPAIRMENT: 'Nam corfforol', OTHER: 'Arall',
  },
};

const header = headerOf(CY);

function personalDetails(ctx: LetterContext, role: string): Rendered {
  return {
    title: 'Rydym wedi diweddaru eich manylion personol',
    body: header(ctx) + `Rydym wedi diweddaru'r manylion personol sydd gennym amdanoch fel ${role}. Dyma'r manylion sydd gennym nawr:\n\n` +
      detailLines(ctx, WELSH_LABELS, {
        name: 'Enw', address: 'Cyfeiriad', telephone: 'Ffôn', email: 'E-bost', method: 'Dull cysylltu dewisol',
        language: 'Iaith ddewisol', requirements: 'Gofynion arbennig', disability: 'Categori anabledd', none: CY.none,
      }) +
      "\n\nOs oes unrhyw un o'r manylion hyn yn anghywir, rhowch wybod i ni." + CY.signOff,
  };
}

export const WELSH_TEMPLATES: Templates = {
  [LetterTemplate.CMSL9800]: (ctx) => ({
    title: 'Mae angen i ni ddiweddaru eich manylion diogelwch',
    body: header(ctx) + "Mae angen i ni ddiweddaru'r manylion diogelwch sydd gennym amdanoch. Rydym yn amgáu ffurflen newid manylion diogelwch. " +
      "Llenwch hi a'i dychwelyd atom o fewn 7 diwrnod: ni allwn siarad â chi am eich achos dros y ffôn nes i ni ei chael." + CY.signOff,
  }),
  [LetterTemplate.CMSL9801]: (ctx) => ({
    title: "Nodyn atgoffa: mae angen i ni ddiweddaru eich manylion diogelwch",
    body: header(ctx) + 'Ysgrifennom atoch 7 diwrnod yn ôl gan amgáu ffurflen i ddiweddaru eich manylion diogelwch. Nid ydym wedi ei chael eto. ' +
      "Llenwch y ffurflen a'i dychwelyd atom o fewn 7 diwrnod. Hyd nes i ni ei chael, ni fyddwch yn gallu siarad â'r " +
      'Grŵp Cynhaliaeth Plant am eich achos.' + CY.signOff,
  }),
  [LetterTemplate.CMSL9802]: (ctx) => ({
    title: 'Diolch am ddiweddaru eich manylion diogelwch',
    body: header(ctx) + "Diolch am ddychwelyd eich ffurflen. Mae eich manylion diogelwch wedi cael eu diweddaru. Cadwch nhw'n ddiogel: " +
      'byddwn yn gofyn amdanynt bob tro y byddwch yn ein ffonio.' + CY.signOff,
  }),
  [LetterTemplate.CMSL9547]: (ctx) => personalDetails(ctx, "rhiant sy'n derbyn"),
  [LetterTemplate.CMSL9548]: (ctx) => personalDetails(ctx, "rhiant sy'n talu"),
  [LetterTemplate.COVERING_REISSUE]: (ctx) => ({
    title: 'Copi o lythyr a anfonwyd atoch',
    body: header(ctx) + 'Fel y gofynnoch, rydym yn amgáu copi union o\'n llythyr ' +
      `"${ctx.covers?.title ?? ''}" (${ctx.covers?.template ?? ''})` +
      `${ctx.covers?.sentAt ? `, a anfonwyd atoch ar ${CY.formatDate(ctx.covers.sentAt)}` : ''}.` + CY.signOff,
  }),
};
