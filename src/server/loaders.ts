import DataLoader from 'dataloader';
import type { CaseParty } from '../modules/cases/case-party.entity';
import type { Contact } from '../modules/contacts/contact.entity';
import { loadVisibleContacts, loadVisibleLinks, loadVisibleParties } from '../modules/contacts/contact.service';
import type { RepresentativeLink } from '../modules/contacts/representative-link.entity';
import { Team } from '../modules/staff/team.entity';
import type { RequestContext } from './context';

export type Loaders = ReturnType<typeof createLoaders>;

const groupBy = <T>(rows: T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};

/**
 * Per-request loaders: one query per nested field per level, whatever the page size. They
 * apply the caller's row rules, so a nested field never shows what a top-level query hides.
 */
export function createLoaders(ctxRef: () => RequestContext) {
  return {
    contactById: new DataLoader<string, Contact | null>(async (ids) => {
      const byId = new Map((await loadVisibleContacts(ctxRef(), ids)).map((contact) => [contact.id, contact]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    partiesByCaseId: new DataLoader<string, CaseParty[]>(async (caseIds) => {
      const groups = groupBy(await loadVisibleParties(ctxRef(), caseIds), (party) => party.caseId);
      return caseIds.map((id) => groups.get(id) ?? []);
    }),
    linksByClientId: new DataLoader<string, RepresentativeLink[]>(async (ids) => {
      const groups = groupBy(await loadVisibleLinks(ctxRef(), 'clientId', ids), (link) => link.clientId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    linksByRepresentativeId: new DataLoader<string, RepresentativeLink[]>(async (ids) => {
      const groups = groupBy(await loadVisibleLinks(ctxRef(), 'representativeId', ids), (link) => link.representativeId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    teamById: new DataLoader<string, Team | null>(async (ids) => {
      const teams = await ctxRef().dataSource.getRepository(Team).createQueryBuilder('t').where('t.id = ANY(:ids)', { ids: [...ids] }).getMany();
      const byId = new Map(teams.map((team) => [team.id, team]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
