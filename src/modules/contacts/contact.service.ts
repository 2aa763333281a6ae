import { decodeCursor, listOrder, pageOf, type Page } from '../../common/connection';
import { InputProblems } from '../../common/errors';
import { escapeLike, isUuid, normaliseNino, normaliseScin, optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Contact } from './contact.entity';
import type { ContactFilter } from './contact-filter.input';
import { auditReadsUnderGrant } from './grant-read-audit';
import { countAllVisibleContacts } from './contact-count';
import { contactPageRows, countContactRows, type ListCriteria, visibleContactRows, visibleLinkRows } from './contact.read';
import type { RepresentativeLink } from './representative-link.entity';

/** The list's sort, as the cursor names it (a cursor of another list is refused, SCR-6). */
const LIST_ORDER = listOrder(['c.last_name', 'c.first_name', 'c.id'], 'ASC');
const sortKey = (contact: Contact) => [contact.lastName, contact.firstName, contact.id];

export async function listContacts(
  ctx: RequestContext,
  filter: ContactFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<Contact>> {
  const criteria = contactCriteria(filter ?? {});
  const secretsKey = ctx.config.secretsKey;
  const afterKey = after ? decodeCursor(secretsKey, LIST_ORDER, after, 3) : undefined;
  const given = criteria.parts.length > 0 ? criteria : undefined;
  const rows = await contactPageRows(ctx, { limit: first + 1, after: afterKey, criteria: given });
  // Filtered, counted by the index with the same rule and criteria; unfiltered, from the counters in constant time.
  const counted = () => countContactRows(ctx, given);
  const page = pageOf(secretsKey, rows, {
    first, after, list: LIST_ORDER, keyOf: sortKey,
    count: given ? counted : async () => (await countAllVisibleContacts(ctx)) ?? counted(),
  });
  await auditReadsUnderGrant(ctx, page.nodes);
  return page;
}

/** One condition of the contact filter: its SQL given a placeholder per value, and those values. */
interface Criterion {
  name: string;
  sql: (parameter: () => string) => string;
  values: unknown[];
}

/** The caller's filter, checked, as the conditions both the page and the count run. */
function contactCriteria(filter: ContactFilter): ListCriteria & { parts: Criterion[] } {
  const problems = new InputProblems();
  const name = optionalText(filter.name);
  const scin = optionalText(filter.scin);
  const nino = optionalText(filter.nino);
  const caseId = optionalText(filter.caseId);
  if (caseId !== undefined) problems.check(isUuid(caseId), 'filter.caseId', 'is not a valid id');
  if (name !== undefined) problems.check(name.length <= 100, 'filter.name', 'is longer than 100 characters');
  problems.throwIfAny();

  const parts: Criterion[] = [];
  const add = (part: string, sql: Criterion['sql'], value: unknown) => parts.push({ name: part, sql, values: [value] });
  if (name !== undefined) {
    add('name', (p) => {
      const prefix = p();
      return `(lower(c.last_name) LIKE ${prefix} OR lower(c.first_name) LIKE ${prefix})`;
    }, `${escapeLike(name.toLowerCase())}%`);
  }
  if (scin !== undefined) add('scin', (p) => `c.scin = ${p()}`, normaliseScin(scin));
  if (nino !== undefined) add('nino', (p) => `c.nino = ${p()}`, normaliseNino(nino));
  if (filter.role) add('role', (p) => `c.client_role = ${p()}`, filter.role);
  if (filter.kind) add('kind', (p) => `c.kind = ${p()}`, filter.kind);
  if (caseId !== undefined) add('caseId', (p) => `EXISTS (SELECT 1 FROM case_party fp WHERE fp.contact_id = c.id AND fp.case_id = ${p()})`, caseId);
  return {
    parts,
    shape: parts.map((part) => part.name).join(','),
    clauses: (parameter) => parts.map((part) => part.sql(parameter)),
    values: parts.flatMap((part) => part.values),
  };
}

/** Contacts by id, only those visible; for the per-request loader. */
export async function loadVisibleContacts(ctx: RequestContext, ids: readonly string[]): Promise<Contact[]> {
  const contacts = await visibleContactRows(ctx, ids);
  await auditReadsUnderGrant(ctx, contacts);
  return contacts;
}

/** Links where both the representative and the client are visible to the caller. */
export async function loadVisibleLinks(
  ctx: RequestContext,
  side: 'clientId' | 'representativeId',
  ids: readonly string[],
): Promise<RepresentativeLink[]> {
  const links = await visibleLinkRows(ctx, side, ids);
  await auditReadsUnderGrant(ctx, links.flatMap((link) => [link.representative!, link.client!]));
  return links;
}
