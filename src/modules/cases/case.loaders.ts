import { andVisible } from '../../authorization/visible-query';
import type { RequestContext } from '../../request/context';
import { defineLoader, grouped } from '../../request/loaders';
import { Contact } from '../contacts/contact.entity';
import { auditReadsUnderGrant } from '../contacts/grant-read-audit';
import { CaseParty } from './case-party.entity';

/** Case parties of the given cases whose contact is visible; hidden parties are left out entirely. */
export async function loadVisibleParties(ctx: RequestContext, caseIds: readonly string[]): Promise<CaseParty[]> {
  const qb = ctx.dataSource
    .createQueryBuilder(CaseParty, 'p')
    .innerJoinAndSelect('p.contact', 'pc')
    .where('p.case_id = ANY(:caseIds)', { caseIds })
    .orderBy('p.role', 'ASC')
    .addOrderBy('pc.last_name', 'ASC');
  const parties = await andVisible(ctx, qb, Contact, 'Contact', 'pc').getMany();
  await auditReadsUnderGrant(ctx, parties.map((party) => party.contact!));
  return parties;
}

/** Parties of cases, only those whose contact the caller may see. */
export const partiesByCaseId = defineLoader((ctx) =>
  grouped<CaseParty>((ids) => loadVisibleParties(ctx, ids), (party) => party.caseId));
