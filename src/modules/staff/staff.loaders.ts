import { visibleRowsById } from '../../authorization/visible-rows';
import { byKey, defineLoader } from '../../request/loaders';
import { Staff } from './staff.entity';
import { Team } from './team.entity';

/** Staff records under the caller's read rule: a self-service client sees none (SCR-5). Prepared statements (issue 11). */
export const staffById = defineLoader((ctx) => byKey<Staff>((ids) => visibleRowsById(ctx, Staff, 'Staff', ids, { alias: 's' }), (s) => s.id));

export const teamById = defineLoader((ctx) => byKey<Team>((ids) => visibleRowsById(ctx, Team, 'Team', ids, { alias: 't' }), (t) => t.id));
