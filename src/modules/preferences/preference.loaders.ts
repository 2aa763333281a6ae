import { visibleRowsWhere } from '../../authorization/visible-rows';
import { byKey, defineLoader, grouped } from '../../request/loaders';
import { ContactDisability } from './contact-disability.entity';
import { PreferenceChange } from './preference-change.entity';
import { SpecialRequirement } from './special-requirement.entity';

// Rows of a contact already loaded as visible (PREF-4, LET-3).
export const disabilityByContactId = defineLoader((ctx) => byKey<ContactDisability>(
  (ids) => ctx.dataSource.manager.createQueryBuilder(ContactDisability, 'd').where('d.contact_id = ANY(:ids)', { ids: [...ids] }).getMany(),
  (row) => row.contactId,
));

export const specialRequirementsByContactId = defineLoader((ctx) => grouped<SpecialRequirement>(
  (ids) => ctx.dataSource.manager.createQueryBuilder(SpecialRequirement, 'r').where('r.contact_id = ANY(:ids)', { ids: [...ids] })
    .orderBy('r.type', 'ASC').addOrderBy('r.value', 'ASC').getMany(),
  (row) => row.contactId,
));

/** Changes recorded on SRs, under the caller's read rule for them (the SR's and its subject's). */
export const preferenceChangesBySrId = defineLoader((ctx) => grouped<PreferenceChange>(
  (ids) => visibleRowsWhere(ctx, PreferenceChange, 'PreferenceChange', ids, { column: 'service_request_id', alias: 'pc', orderBy: '"pc"."id" ASC' }),
  (row) => row.serviceRequestId,
));
