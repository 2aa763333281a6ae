import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../request/context';
import { Staff } from '../staff/staff.entity';
import { staffById } from '../staff/staff.loaders';
import { SrStatusChange } from './sr-status-change.entity';

@Resolver(() => SrStatusChange)
export class SrStatusChangeResolver {
  @FieldResolver(() => Staff, {
    nullable: true,
    description: 'The member of staff who made the change; null when the client or the system made it, or for a caller who may not see staff records.',
  })
  by(@Ctx() ctx: RequestContext, @Root() step: SrStatusChange) {
    return step.actorStaffId ? staffById(ctx).load(step.actorStaffId) : null;
  }
}
