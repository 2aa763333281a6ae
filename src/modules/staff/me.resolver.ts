import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { Staff } from './staff.entity';
import { Team } from './team.entity';
import { contactById } from '../contacts/contact.loaders';
import { staffById, teamById } from './staff.loaders';
import { staffMember, staffMemberByNumber } from './staff.service';

@ObjectType({ description: 'The signed-in principal: a member of staff or a self-service client.' })
export class Me {
  @Field(() => Staff, { nullable: true, description: 'For a member of staff: their own record.' })
  staff: Staff | null;

  @Field(() => Contact, { nullable: true, description: 'For a self-service client: their own record.' })
  contact: Contact | null;
}

@Resolver(() => Me)
export class MeResolver {
  @Requires(Policies.signedIn())
  @Query(() => Me, { description: 'Who the bearer token belongs to, as the database has them now.' })
  async me(@Ctx() ctx: RequestContext): Promise<Me> {
    const principal = ctx.principal!;
    return Object.assign(new Me(), {
      // The full row: the principal carries only what the ability needs (no grade, area or work phone).
      staff: principal.kind === 'staff' ? await staffById(ctx).load(principal.staff.id) : null,
      contact: principal.kind === 'client' ? await contactById(ctx).load(principal.contactId) : null,
    });
  }
}

@Resolver(() => Staff)
export class StaffResolver {
  @Requires(Policies.can('read', 'Staff'))
  @Query(() => Staff, { description: 'A member of staff by id (e.g. an audit actor); one the caller may not read is NOT_FOUND, as a missing one.' })
  staff(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the member of staff.' }) id: string): Promise<Staff> {
    return staffMember(ctx, id);
  }

  @Requires(Policies.can('read', 'Staff'))
  @Query(() => Staff, { description: 'A member of staff by staff number; one the caller may not read is NOT_FOUND, as a missing one.' })
  staffByNumber(@Ctx() ctx: RequestContext, @Arg('staffNumber', { description: 'Staff number of the member of staff.' }) staffNumber: string): Promise<Staff> {
    return staffMemberByNumber(ctx, staffNumber);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'Their team; null when they have none.' })
  team(@Ctx() ctx: RequestContext, @Root() staff: Staff): Promise<Team | null> | null {
    return staff.teamId ? teamById(ctx).load(staff.teamId) : null;
  }
}
