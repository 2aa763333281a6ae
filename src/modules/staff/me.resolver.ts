import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { Staff } from './staff.entity';
import { Team } from './team.entity';
import { contactById } from '../contacts/contact.loaders';
import { teamById } from './staff.loaders';

@ObjectType({ description: 'The signed-in principal: a member of staff or a self-service client.' })
export class Me {
  @Field(() => Staff, { nullable: true })
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
      staff: principal.kind === 'staff' ? principal.staff : null,
      contact: principal.kind === 'client' ? await contactById(ctx).load(principal.contactId) : null,
    });
  }
}

@Resolver(() => Staff)
export class StaffResolver {
  @FieldResolver(() => Team, { nullable: true })
  team(@Ctx() ctx: RequestContext, @Root() staff: Staff): Promise<Team | null> | null {
    return staff.teamId ? teamById(ctx).load(staff.teamId) : null;
  }
}
