import type { SelectQueryBuilder } from 'typeorm';
import { andVisible, visibleQuery } from '../../authorization/visible-query';
import { keysetPage, type Page } from '../../common/connection';
import { InputProblems } from '../../common/errors';
import { escapeLike, isUuid, normaliseNino, normaliseScin, optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Contact } from './contact.entity';
import type { ContactFilter } from './contact-filter.input';
import { auditReadsUnderGrant } from './grant-read-audit';
import { countAllVisibleContacts } from './contact-count';
import { RepresentativeLink } from './representative-link.entity';

const sortKey = (contact: Contact) => [contact.lastName, contact.firstName, contact.id];

export async function listContacts(
  ctx: RequestContext,
  filter: ContactFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<Contact>> {
  const base = () => applyContactFilter(ctx, visibleQuery(ctx, Contact, 'Contact', 'c'), filter ?? {});
  const page = await keysetPage(ctx, base, {
    first, after, columns: ['c.last_name', 'c.first_name', 'c.id'], direction: 'ASC', keyOf: sortKey,
  });
  await auditReadsUnderGrant(ctx, page.nodes);
  // Unfiltered, the total comes from the counters in constant time; filtered, from the index.
  if (!hasCriteria(filter)) return { ...page, count: async () => (await countAllVisibleContacts(ctx)) ?? page.count() };
  return page;
}

const hasCriteria = (filter: ContactFilter | null | undefined) =>
  Boolean(filter && [filter.name, filter.scin, filter.nino, filter.caseId].some((value) => optionalText(value) !== undefined)
    || filter?.role || filter?.kind);

function applyContactFilter(
  ctx: RequestContext,
  qb: SelectQueryBuilder<Contact>,
  filter: ContactFilter,
): SelectQueryBuilder<Contact> {
  const problems = new InputProblems();
  const name = optionalText(filter.name);
  const scin = optionalText(filter.scin);
  const nino = optionalText(filter.nino);
  const caseId = optionalText(filter.caseId);
  if (caseId !== undefined) problems.check(isUuid(caseId), 'filter.caseId', 'is not a valid id');
  if (name !== undefined) problems.check(name.length <= 100, 'filter.name', 'is longer than 100 characters');
  problems.throwIfAny();

  if (name !== undefined) {
    qb.andWhere('(lower(c.last_name) LIKE :namePrefix OR lower(c.first_name) LIKE :namePrefix)', {
      namePrefix: `${escapeLike(name.toLowerCase())}%`,
    });
  }
  if (scin !== undefined) qb.andWhere('c.scin = :scin', { scin: normaliseScin(scin) });
  if (nino !== undefined) qb.andWhere('c.nino = :nino', { nino: normaliseNino(nino) });
  if (filter.role) qb.andWhere('c.client_role = :role', { role: filter.role });
  if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
  if (caseId !== undefined) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM case_party fp WHERE fp.contact_id = c.id AND fp.case_id = :caseId)`,
      { caseId },
    );
  }
  return qb;
}

/** Contacts by id, only those visible; for the per-request loader. */
export async function loadVisibleContacts(ctx: RequestContext, ids: readonly string[]): Promise<Contact[]> {
  const contacts = await visibleQuery(ctx, Contact, 'Contact', 'c').andWhere('c.id = ANY(:ids)', { ids }).getMany();
  await auditReadsUnderGrant(ctx, contacts);
  return contacts;
}

/** Links where both the representative and the client are visible to the caller. */
export async function loadVisibleLinks(
  ctx: RequestContext,
  side: 'clientId' | 'representativeId',
  ids: readonly string[],
): Promise<RepresentativeLink[]> {
  const column = side === 'clientId' ? 'client_id' : 'representative_id';
  const qb = ctx.dataSource
    .createQueryBuilder(RepresentativeLink, 'l')
    .innerJoinAndSelect('l.representative', 'rep')
    .innerJoinAndSelect('l.client', 'cli')
    .where(`l.${column} = ANY(:ids)`, { ids })
    .orderBy('l.trn', 'ASC');
  andVisible(ctx, qb, Contact, 'Contact', 'rep');
  andVisible(ctx, qb, Contact, 'Contact', 'cli');
  const links = await qb.getMany();
  await auditReadsUnderGrant(ctx, links.flatMap((link) => [link.representative!, link.client!]));
  return links;
}
