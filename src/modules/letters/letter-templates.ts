import type { Contact } from '../contacts/contact.entity';
import type { ServiceRequest } from '../service-requests/service-request.entity';
import { LetterTemplate } from './letter-enums';

interface Rendered {
  title: string;
  body: string;
}

export interface LetterContext {
  contact: Contact;
  serviceRequest: ServiceRequest | null;
  caseNumbers: string[];
  date: Date;
}

const address = (contact: Contact) =>
  [`${contact.firstName} ${contact.lastName}`, contact.addressLine1, contact.addressLine2, contact.town, contact.postcode]
    .filter(Boolean)
    .join('\n');

const header = (ctx: LetterContext) =>
  `${address(ctx.contact)}\n\nDate: ${ctx.date.toISOString().slice(0, 10)}\n` +
  `Our reference: ${ctx.contact.scin ?? '-'}${ctx.caseNumbers.length ? ` / case ${ctx.caseNumbers.join(', ')}` : ''}\n\n` +
  `Dear ${ctx.contact.firstName} ${ctx.contact.lastName},\n\n`;

const SIGN_OFF = '\n\nYours sincerely,\nChild Maintenance Group';

/** LET-1: each template's text; fields are filled from the record, never typed by a caseworker. */
export const TEMPLATES: Record<LetterTemplate, (ctx: LetterContext) => Rendered> = {
  [LetterTemplate.CMSL9800]: (ctx) => ({
    title: 'We need to update your security details',
    body: header(ctx) + 'We need to update the security details we hold for you. Please call us within 7 days so that we can ' +
      'confirm who you are and update your PIN and password.' + SIGN_OFF,
  }),
  [LetterTemplate.CMSL9801]: (ctx) => ({
    title: 'Reminder: we need to update your security details',
    body: header(ctx) + 'We wrote to you 7 days ago because we need to update your security details. We have not heard from ' +
      'you. Please call us within 7 days, or we will not be able to make the change.' + SIGN_OFF,
  }),
  [LetterTemplate.CMSL9802]: (ctx) => ({
    title: 'Thank you for updating your security details',
    body: header(ctx) + 'Thank you for contacting us. Your security details have been updated.' + SIGN_OFF,
  }),
  [LetterTemplate.CMSL9547]: (ctx) => personalDetails(ctx, 'receiving parent'),
  [LetterTemplate.CMSL9548]: (ctx) => personalDetails(ctx, 'paying parent'),
  [LetterTemplate.COVERING_REISSUE]: (ctx) => ({
    title: 'A copy of a letter we sent you',
    body: header(ctx) + 'As requested, we enclose an exact copy of a letter we sent you earlier.' + SIGN_OFF,
  }),
};

function personalDetails(ctx: LetterContext, role: string): Rendered {
  const c = ctx.contact;
  return {
    title: "We've updated your personal details",
    body: header(ctx) + `We have updated the personal details we hold for you as the ${role}. These are the details we now hold:\n\n` +
      `Name: ${c.firstName} ${c.lastName}\nAddress: ${[c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(', ') || '-'}\n` +
      `Telephone: ${c.phone ?? '-'}\nEmail: ${c.email ?? '-'}\nPreferred contact method: ${c.preferredContactMethod}\n` +
      `Preferred language: ${c.preferredLanguage}` + SIGN_OFF,
  };
}
