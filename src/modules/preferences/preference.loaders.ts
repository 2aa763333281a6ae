import { visibleRowsWhere } from '../../authorization/visible-rows';
import { rowsWhere } from '../../database/read-rows';
import { byKey, defineLoader, grouped } from '../../request/loaders';
import { ContactDisability } from './contact-disability.entity';
import { PreferenceChange } from './preference-change.entity';
import { SpecialRequirement } from './special-requirement.entity';

// Rows of a contact already loaded as visible (PREF-4, LET-3).
export const disabilityByContactId = defineLoader((ctx) => byKey<ContactDisability>(
  (ids) => rowsWhere(ctx.dataSource, ContactDisability, ids, { column: 'contact_id', alias: 'd' }),
  (row) => row.contactId,
));

export const specialRequirementsByContactId = defineLoader((ctx) => grouped<SpecialRequirement>(
  (ids) => rowsWhere(ctx.dataSource, SpecialRequirement, ids, { column: 'contact_id', alias: 'r', orderBy: '"r"."type" ASC, "r"."value" ASC' }),
  (row) => row.contactId,
));

/** Changes recorded on SRs, under the caller's read rule for them (the SR's and its subject's). */
export const preferenceChangesBySrId = defineLoader((ctx) => grouped<PreferenceChange>(
  (ids) => visibleRowsWhere(ctx, PreferenceChange, 'PreferenceChange', ids, { column: 'service_request_id', alias: 'pc', orderBy: '"pc"."id" ASC' }),
  (row) => row.serviceRequestId,
));
