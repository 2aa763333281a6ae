import { visibleQuery } from '../../authorization/visible-query';
import { byKey, defineLoader } from '../../request/loaders';
import { Staff } from './staff.entity';
import { Team } from './team.entity';

/** Staff records under the caller's read rule: a self-service client sees none (SCR-5). */
export const staffById = defineLoader((ctx) =>
  byKey<Staff>((ids) => visibleQuery(ctx, Staff, 'Staff', 's').andWhere('s.id = ANY(:ids)', { ids: [...ids] }).getMany(), (s) => s.id));

export const teamById = defineLoader((ctx) =>
  byKey<Team>((ids) => visibleQuery(ctx, Team, 'Team', 't').andWhere('t.id = ANY(:ids)', { ids: [...ids] }).getMany(), (t) => t.id));
