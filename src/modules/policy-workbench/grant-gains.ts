import { getMetadataStorage } from 'type-graphql';
import { NotBrackets, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { ACTIONS, buildAbility, type Action, type AppAbility, type SubjectType } from '../../authorization/ability';
import { accessibleBy } from '../../authorization/casl-to-sql';
import type { LiveGrant } from '../../authorization/grants';
import { personalDataDeclarations } from '../../authorization/personal-data';
import type { StaffPrincipal } from '../../authorization/principal';
import { Contact } from '../contacts/contact.entity';
import { Letter } from '../letters/letter.entity';
import { PreferenceChange } from '../preferences/preference-change.entity';
import { Activity } from '../service-requests/activity.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { SrNote } from '../service-requests/sr-note.entity';

/** The subjects a grant can open (it names a contact and an SR); the rest of the role table never reads grants. */
const OPENED_BY_GRANTS: [SubjectType, EntityTarget<ObjectLiteral>][] = [
  ['Contact', Contact], ['ServiceRequest', ServiceRequest], ['Activity', Activity], ['SrNote', SrNote],
  ['PreferenceChange', PreferenceChange], ['Letter', Letter],
];
/** Rows carrying a contact's personal data, by the property naming it (SCR-3). */
const CARRIERS: [SubjectType, EntityTarget<ObjectLiteral>, string][] = [
  ['ServiceRequest', ServiceRequest, 'subjectContactId'], ['Letter', Letter, 'contactId'], ['PreferenceChange', PreferenceChange, 'contactId'],
];
/** Enough to judge a form; a grant that opened more would say so in a note. */
export const GAIN_LIMIT = 200;

export interface Gain {
  subject: SubjectType;
  id: string;
  actions: Action[];
  personalFields: string[];
}

const sameRules = (a: AppAbility, b: AppAbility, action: Action, subject: SubjectType) =>
  JSON.stringify(a.rulesFor(action, subject).map((rule) => [rule.conditions, rule.inverted]))
  === JSON.stringify(b.rulesFor(action, subject).map((rule) => [rule.conditions, rule.inverted]));

/** Every GraphQL field of the contact record: the whole record becomes visible with it. */
const contactFields = () => getMetadataStorage().fields.filter((field) => field.target === Contact).map((field) => field.schemaName);
const personalFieldsOf = (subject: SubjectType) => (subject === 'Contact' ? contactFields() : personalDataDeclarations().get(subject)?.personal ?? []);

/**
 * POL-2: exactly what `grant` would add to `requester` at `at`: for each (action, subject) whose
 * rules the grant changes, the rows the new ability allows and the current one does not, asked in
 * SQL with the real rules (`after AND NOT before`); then the rows already readable whose contact's
 * personal data the grant would show. Nothing is written: the grant exists only in memory.
 */
export async function gainsOfGrant(manager: EntityManager, requester: StaffPrincipal, grant: LiveGrant, at: Date): Promise<{ gains: Gain[]; truncated: boolean }> {
  const before = buildAbility(requester, at);
  const after = buildAbility({ ...requester, grants: [...requester.grants, grant] }, at);
  const byRow = new Map<string, Gain>();
  const gain = (subject: SubjectType, id: string) => {
    const key = `${subject}:${id}`;
    if (!byRow.has(key)) byRow.set(key, { subject, id, actions: [], personalFields: [] });
    return byRow.get(key)!;
  };
  let truncated = false;
  const rowsWhere = async (subject: SubjectType, entity: EntityTarget<ObjectLiteral>, action: Action, extra?: [string, ObjectLiteral]) => {
    const qb = manager.createQueryBuilder(entity, 'row');
    const metadata = qb.expressionMap.mainAlias!.metadata;
    qb.select('row.id', 'id').where(accessibleBy(after, action, subject, metadata, 'row'));
    if (!extra) qb.andWhere(new NotBrackets((inner) => inner.where(accessibleBy(before, action, subject, metadata, 'row'))));
    else qb.andWhere(...extra);
    const rows: { id: string }[] = await qb.orderBy('row.id').limit(GAIN_LIMIT + 1).getRawMany();
    if (rows.length > GAIN_LIMIT) truncated = true;
    return rows.slice(0, GAIN_LIMIT).map((row) => String(row.id));
  };

  for (const [subject, entity] of OPENED_BY_GRANTS) {
    for (const action of Object.keys(ACTIONS) as Action[]) {
      if (sameRules(before, after, action, subject)) continue;
      for (const id of await rowsWhere(subject, entity, action)) gain(subject, id).actions.push(action);
    }
  }
  const contacts = [...byRow.values()].filter((g) => g.subject === 'Contact' && g.actions.includes('read')).map((g) => g.id);
  for (const id of contacts) gain('Contact', id).personalFields = personalFieldsOf('Contact');
  if (contacts.length > 0) {
    for (const [subject, entity, column] of CARRIERS) {
      const ids = await rowsWhere(subject, entity, 'read', [`row.${column} IN (:...contacts)`, { contacts }]);
      for (const id of ids) gain(subject, id).personalFields = personalFieldsOf(subject);
    }
  }
  return { gains: [...byRow.values()], truncated };
}
