import { byKey, defineLoader, grouped } from '../../request/loaders';
import type { Contact } from './contact.entity';
import { loadVisibleContacts, loadVisibleLinks } from './contact.service';
import type { RepresentativeLink } from './representative-link.entity';

/** Contacts under the caller's read rule: a hidden contact loads as null, like a missing one (SCR-1). */
export const contactById = defineLoader((ctx) => byKey<Contact>((ids) => loadVisibleContacts(ctx, ids), (contact) => contact.id));

export const linksByClientId = defineLoader((ctx) =>
  grouped<RepresentativeLink>((ids) => loadVisibleLinks(ctx, 'clientId', ids), (link) => link.clientId));

export const linksByRepresentativeId = defineLoader((ctx) =>
  grouped<RepresentativeLink>((ids) => loadVisibleLinks(ctx, 'representativeId', ids), (link) => link.representativeId));
