import type { SelectQueryBuilder } from 'typeorm';
import { andVisible, visibleQuery } from '../../authorization/visible-query';
import { keysetPage, type Page } from '../../common/connection';
import { InputProblems } from '../../common/errors';
import { escapeLike, isUuid, normaliseNino, normaliseScin, optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { CaseParty } from './case-party.entity';
import { Case } from './case.entity';
import type { CaseFilter } from './case-filter.input';

export async function findVisibleCase(ctx: RequestContext, id: string): Promise<Case | null> {
  if (!isUuid(id)) return null;
  return visibleQuery(ctx, Case, 'Case', 'k').andWhere('k.id = :id', { id }).getOne();
}

export async function listCases(
  ctx: RequestContext,
  filter: CaseFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<Case>> {
  const base = () => applyCaseFilter(ctx, visibleQuery(ctx, Case, 'Case', 'k'), filter ?? {});
  return keysetPage(ctx, base, {
    first, after, columns: ['k.case_number', 'k.id'], direction: 'ASC', keyOf: (row) => [row.caseNumber, row.id],
  });
}

function applyCaseFilter(ctx: RequestContext, qb: SelectQueryBuilder<Case>, filter: CaseFilter) {
  const name = optionalText(filter.name);
  const scin = optionalText(filter.scin);
  const nino = optionalText(filter.nino);
  const caseNumber = optionalText(filter.caseNumber);
  new InputProblems()
    .check(name === undefined || name.length <= 100, 'filter.name', 'is longer than 100 characters')
    .check(!filter.role || name !== undefined || scin !== undefined || nino !== undefined, 'filter.role', 'needs name, scin or nino')
    .throwIfAny();
  if (caseNumber !== undefined) qb.andWhere('k.case_number = :caseNumber', { caseNumber });
  if (filter.segment) qb.andWhere('k.segment = :segment', { segment: filter.segment });
  if (name === undefined && scin === undefined && nino === undefined) return qb;

  // A party match counts only through a contact the caller may see (no existence oracle).
  const party = ctx.dataSource
    .createQueryBuilder(CaseParty, 'fp')
    .select('1')
    .innerJoin('fp.contact', 'fc')
    .where('fp.case_id = k.id');
  andVisible(ctx, party, Contact, 'Contact', 'fc');
  if (name !== undefined) {
    party.andWhere('(lower(fc.last_name) LIKE :partyName OR lower(fc.first_name) LIKE :partyName)', {
      partyName: `${escapeLike(name.toLowerCase())}%`,
    });
  }
  if (scin !== undefined) party.andWhere('fc.scin = :partyScin', { partyScin: normaliseScin(scin) });
  if (nino !== undefined) party.andWhere('fc.nino = :partyNino', { partyNino: normaliseNino(nino) });
  if (filter.role) party.andWhere('fp.role = :partyRole', { partyRole: filter.role });
  return qb.andWhere(`EXISTS (${party.getQuery()})`).setParameters(party.getParameters());
}
