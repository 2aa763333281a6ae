import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { Contact } from './contact.entity';
import { ContactFilter } from './contact-filter.input';
import { listContacts } from './contact.service';
import { RepresentativeLink } from './representative-link.entity';
import { contactById, findVisibleContact, linksByClientId, linksByRepresentativeId } from './contact.loaders';

export const ContactConnection = ConnectionType(Contact, 'Contact');

@Resolver(() => Contact)
export class ContactResolver {
  @Requires(Policies.can('read', 'Contact'))
  @Query(() => Contact, {
    nullable: true,
    description: 'A contact by id; null when it does not exist or the caller may not see it (the two are indistinguishable).',
  })
  contact(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the contact.' }) id: string): Promise<Contact | null> {
    return findVisibleContact(ctx, id);
  }

  @Requires(Policies.can('read', 'Contact'))
  @Query(() => ContactConnection, { description: 'Contacts the caller may see, by last name, first name.' })
  async contacts(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ContactFilter, { nullable: true, description: 'Narrows the list; omit it for every row the caller may see.' }) filter?: ContactFilter | null,
  ) {
    const list = await listContacts(ctx, filter, pageSize(page), page.after);
    for (const row of list.nodes) contactById(ctx).prime(row.id, row);
    return ContactConnection.from(list);
  }

  @FieldResolver(() => [RepresentativeLink], { description: 'Representatives acting for this client (visible ones only).' })
  representatives(@Ctx() ctx: RequestContext, @Root() contact: Contact): Promise<RepresentativeLink[]> {
    return linksByClientId(ctx).load(contact.id);
  }

  @FieldResolver(() => [RepresentativeLink], { description: 'Clients this representative acts for (visible ones only).' })
  represents(@Ctx() ctx: RequestContext, @Root() contact: Contact): Promise<RepresentativeLink[]> {
    return linksByRepresentativeId(ctx).load(contact.id);
  }
}

@Resolver(() => RepresentativeLink)
export class RepresentativeLinkResolver {
  @FieldResolver(() => Contact, { description: 'The representative acting for the client.' })
  representative(@Root() link: RepresentativeLink): Contact {
    return link.representative!;
  }

  @FieldResolver(() => Contact, { description: 'The client the representative acts for.' })
  client(@Root() link: RepresentativeLink): Contact {
    return link.client!;
  }
}
