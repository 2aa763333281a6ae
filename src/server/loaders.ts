import DataLoader from 'dataloader';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { visibleQuery } from '../authorization/visible-query';
import type { CaseParty } from '../modules/cases/case-party.entity';
import { Case } from '../modules/cases/case.entity';
import type { Contact } from '../modules/contacts/contact.entity';
import { loadVisibleContacts, loadVisibleLinks, loadVisibleParties } from '../modules/contacts/contact.service';
import type { RepresentativeLink } from '../modules/contacts/representative-link.entity';
import { AccessExtension } from '../modules/access-requests/access-extension.entity';
import { Activity } from '../modules/service-requests/activity.entity';
import { ContactDisability } from '../modules/preferences/contact-disability.entity';
import { PreferenceChange } from '../modules/preferences/preference-change.entity';
import { SpecialRequirement } from '../modules/preferences/special-requirement.entity';
import { ServiceRequest } from '../modules/service-requests/service-request.entity';
import { SrNote } from '../modules/service-requests/sr-note.entity';
import { Staff } from '../modules/staff/staff.entity';
import { Team } from '../modules/staff/team.entity';
import type { RequestContext } from './context';

export type Loaders = ReturnType<typeof createLoaders>;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** One row per key, in key order; missing keys give null. */
const byKey = <T>(load: (keys: readonly string[]) => Promise<T[]>, key: (row: T) => string) =>
  new DataLoader<string, T | null>(async (keys) => {
    const rows = new Map((await load(keys)).map((row) => [key(row), row]));
    return keys.map((k) => rows.get(k) ?? null);
  });

/** Many rows per key, in key order. */
const grouped = <T>(load: (keys: readonly string[]) => Promise<T[]>, key: (row: T) => string) =>
  new DataLoader<string, T[]>(async (keys) => {
    const groups = groupBy(await load(keys), key);
    return keys.map((k) => groups.get(k) ?? []);
  });

/**
 * Per-request loaders: one query per nested field per level, whatever the page size. Those that
 * return rows behind a row rule apply the caller's rule, so a nested field never shows what a
 * top-level query hides.
 */
export function createLoaders(ctxRef: () => RequestContext) {
  const manager = () => ctxRef().dataSource.manager;
  const byIds = <T extends ObjectLiteral>(entity: EntityTarget<T>, column = 'id') => (ids: readonly string[]) =>
    manager().createQueryBuilder(entity, 'x').where(`x.${column} = ANY(:ids)`, { ids: [...ids] }).getMany();
  return {
    contactById: byKey<Contact>((ids) => loadVisibleContacts(ctxRef(), ids), (contact) => contact.id),
    partiesByCaseId: grouped<CaseParty>((ids) => loadVisibleParties(ctxRef(), ids), (party) => party.caseId),
    linksByClientId: grouped<RepresentativeLink>((ids) => loadVisibleLinks(ctxRef(), 'clientId', ids), (link) => link.clientId),
    linksByRepresentativeId: grouped<RepresentativeLink>(
      (ids) => loadVisibleLinks(ctxRef(), 'representativeId', ids),
      (link) => link.representativeId,
    ),
    teamById: byKey<Team>(byIds(Team), (team) => team.id),
    staffById: byKey<Staff>(byIds(Staff), (staff) => staff.id),
    casesBySrId: new DataLoader<string, Case[]>(async (srIds) => {
      const links: { sr: string; kase: string }[] = await manager().query(
        'SELECT service_request_id AS sr, case_id AS kase FROM service_request_case WHERE service_request_id = ANY($1)',
        [[...srIds]],
      );
      const cases = await visibleQuery(ctxRef(), Case, 'Case', 'k')
        .andWhere('k.id = ANY(:ids)', { ids: [...new Set(links.map((link) => link.kase))] })
        .orderBy('k.case_number')
        .getMany();
      const caseById = new Map(cases.map((row) => [row.id, row]));
      const groups = groupBy(links.filter((link) => caseById.has(link.kase)), (link) => link.sr);
      return srIds.map((id) => (groups.get(id) ?? []).map((link) => caseById.get(link.kase)!));
    }),
    activitiesBySrId: grouped<Activity>(
      (ids) => manager().createQueryBuilder(Activity, 'a').where('a.service_request_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('a.planned_start', 'ASC', 'NULLS LAST').addOrderBy('a.sequence', 'ASC').getMany(),
      (activity) => activity.serviceRequestId,
    ),
    extensionsByGrantId: grouped<AccessExtension>(
      (ids) => manager().createQueryBuilder(AccessExtension, 'e').where('e.grant_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('e.created_at', 'ASC').getMany(),
      (extension) => extension.grantId,
    ),
    notesBySrId: grouped<SrNote>(
      (ids) => manager().createQueryBuilder(SrNote, 'n').where('n.service_request_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('n.created_at', 'ASC').getMany(),
      (note) => note.serviceRequestId,
    ),
    // Contact preferences and letters (PREF-4, LET-3): rows of a contact already loaded as visible.
    disabilityByContactId: byKey<ContactDisability>(byIds(ContactDisability, 'contact_id'), (row) => row.contactId),
    specialRequirementsByContactId: grouped<SpecialRequirement>(
      (ids) => manager().createQueryBuilder(SpecialRequirement, 'r').where('r.contact_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('r.type', 'ASC').addOrderBy('r.value', 'ASC').getMany(),
      (row) => row.contactId,
    ),
    preferenceChangesBySrId: grouped<PreferenceChange>(
      (ids) => manager().createQueryBuilder(PreferenceChange, 'pc').where('pc.service_request_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('pc.id', 'ASC').getMany(),
      (row) => row.serviceRequestId,
    ),
    /** SRs by id under the caller's read rule (e.g. the SR of a letter); null when not visible. */
    visibleServiceRequestById: byKey<ServiceRequest>(
      (ids) => visibleQuery(ctxRef(), ServiceRequest, 'ServiceRequest', 's').andWhere('s.id = ANY(:ids)', { ids: [...ids] }).getMany(),
      (sr) => sr.id,
    ),
  };
}
