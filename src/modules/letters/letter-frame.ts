import type { Contact } from '../contacts/contact.entity';
import type { ContactMethod, PreferredLanguage } from '../contacts/contact-enums';
import type { DisabilityCategory, SpecialRequirementType, SpecialRequirementValue } from '../preferences/preference-enums';
import type { ServiceRequest } from '../service-requests/service-request.entity';
import type { LetterTemplate } from './letter-enums';

/** What every language's templates share: the context a letter is filled from, labels, the frame around it. */

export interface Rendered {
  title: string;
  body: string;
}

/** What a letter is filled from: the record, never text typed by a caseworker (LET-1). */
export interface LetterContext {
  contact: Contact;
  serviceRequest: ServiceRequest | null;
  caseNumbers: string[];
  date: Date;
  /** The personal-details sheets list these (CMSL9547/9548). */
  requirements: { type: SpecialRequirementType; value: SpecialRequirementValue }[];
  disability: DisabilityCategory | null;
  /** The covering letter names the letter it covers (LET-3). */
  covers?: { template: LetterTemplate; title: string; sentAt: Date | null };
}

export type Templates = Record<LetterTemplate, (ctx: LetterContext) => Rendered>;

/** The words a letter uses for a stored code: letters show labels, never enum codes. */
export interface Labels {
  contactMethod: Record<ContactMethod, string>;
  language: Record<PreferredLanguage, string>;
  requirementType: Record<SpecialRequirementType, string>;
  requirementValue: Record<SpecialRequirementValue, string>;
  disability: Record<DisabilityCategory, string>;
}


/** The words around a letter, per language. */
export interface Frame {
  date: string;
  reference: string;
  caseWord: string;
  dear: string;
  signOff: string;
  none: string;
  formatDate(date: Date): string;
}

export const addressOf = (contact: Contact) =>
  [`${contact.firstName} ${contact.lastName}`, contact.addressLine1, contact.addressLine2, contact.town, contact.postcode].filter(Boolean).join('\n');

export const headerOf = (frame: Frame) => (ctx: LetterContext) =>
  `${addressOf(ctx.contact)}\n\n${frame.date}: ${frame.formatDate(ctx.date)}\n` +
  `${frame.reference}: ${ctx.contact.scin ?? '-'}${ctx.caseNumbers.length ? ` / ${frame.caseWord} ${ctx.caseNumbers.join(', ')}` : ''}\n\n` +
  `${frame.dear} ${ctx.contact.firstName} ${ctx.contact.lastName},\n\n`;

/** The personal-details sheet's lines, in the letter's language: every field a label, never a code. */
export function detailLines(ctx: LetterContext, labels: Labels, words: {
  name: string; address: string; telephone: string; email: string; method: string; language: string; requirements: string; disability: string; none: string;
}): string {
  const c = ctx.contact;
  const requirements = ctx.requirements.length === 0
    ? words.none
    : ctx.requirements.map((r) => `${labels.requirementType[r.type]}: ${labels.requirementValue[r.value]}`).join('; ');
  return [
    `${words.name}: ${c.firstName} ${c.lastName}`,
    `${words.address}: ${[c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(', ') || '-'}`,
    `${words.telephone}: ${c.phone ?? '-'}`,
    `${words.email}: ${c.email ?? '-'}`,
    `${words.method}: ${labels.contactMethod[c.preferredContactMethod]}`,
    `${words.language}: ${labels.language[c.preferredLanguage]}`,
    `${words.requirements}: ${requirements}`,
    `${words.disability}: ${ctx.disability ? labels.disability[ctx.disability] : words.none}`,
  ].join('\n');
}
