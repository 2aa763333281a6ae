import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { byKey, defineLoader, grouped } from '../../request/loaders';
import type { Contact } from './contact.entity';
import { loadVisibleContacts, loadVisibleLinks } from './contact.service';
import type { RepresentativeLink } from './representative-link.entity';

/** Contacts under the caller's read rule: a hidden contact loads as null, like a missing one (SCR-1). */
export const contactById = defineLoader((ctx) => byKey<Contact>((ids) => loadVisibleContacts(ctx, ids), (contact) => contact.id));

/** Links load both ends as visible contacts: prime them, so nested fields and their gates ask nothing more. */
async function linksPriming(ctx: RequestContext, side: 'clientId' | 'representativeId', ids: readonly string[]) {
  const links = await loadVisibleLinks(ctx, side, ids);
  for (const link of links) {
    for (const contact of [link.representative!, link.client!]) contactById(ctx).prime(contact.id, contact);
  }
  return links;
}

export const linksByClientId = defineLoader((ctx) =>
  grouped<RepresentativeLink>((ids) => linksPriming(ctx, 'clientId', ids), (link) => link.clientId));

export const linksByRepresentativeId = defineLoader((ctx) =>
  grouped<RepresentativeLink>((ids) => linksPriming(ctx, 'representativeId', ids), (link) => link.representativeId));

/** A contact the caller may see, or null: a hidden contact answers exactly like a missing one (SCR-1). */
export async function findVisibleContact(ctx: RequestContext, id: string): Promise<Contact | null> {
  return isUuid(id) ? contactById(ctx).load(id) : null;
}
