import { queryRows, statementCache } from '../../database/prepared';
import { hydrate, readModel, selectList } from '../../database/read-model';
import type { RequestContext } from '../../request/context';
import { defineLoader, grouped } from '../../request/loaders';
import { Contact } from '../contacts/contact.entity';
import { contactFilter } from '../contacts/contact.read';
import { auditReadsUnderGrant } from '../contacts/grant-read-audit';
import { CaseParty } from './case-party.entity';

const statements = statementCache<string>();

/**
 * Case parties of the given cases whose contact is visible; hidden parties are left out entirely.
 * One prepared statement per shape of the caller's contact rule (issue 11), rows as entities.
 */
export async function loadVisibleParties(ctx: RequestContext, caseIds: readonly string[]): Promise<CaseParty[]> {
  const party = readModel(ctx.dataSource, CaseParty);
  const contact = readModel(ctx.dataSource, Contact);
  const rule = contactFilter(ctx, 'pc', 2);
  const query = statements(rule.sql, () =>
    `SELECT ${selectList(party, 'p')}, ${selectList(contact, 'pc')} FROM "case_party" "p" `
    + `INNER JOIN "contact" "pc" ON "pc"."id" = "p"."contact_id" WHERE "p"."case_id" = ANY($1) AND ${rule.sql} `
    + 'ORDER BY "p"."role" ASC, "pc"."last_name" ASC');
  const rows = await queryRows(ctx.dataSource.manager, query, [caseIds, ...rule.values]);
  const parties = rows.map((row) => {
    const found = hydrate(CaseParty, party, row, 'p');
    found.contact = hydrate(Contact, contact, row, 'pc');
    return found;
  });
  await auditReadsUnderGrant(ctx, parties.map((found) => found.contact!));
  return parties;
}

/** Parties of cases, only those whose contact the caller may see. */
export const partiesByCaseId = defineLoader((ctx) =>
  grouped<CaseParty>((ids) => loadVisibleParties(ctx, ids), (party) => party.caseId));
