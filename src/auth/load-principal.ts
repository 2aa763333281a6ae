import type { EntityManager } from 'typeorm';
import { unauthenticated } from '../common/errors';
import { Contact } from '../modules/contacts/contact.entity';
import { SelfServiceStatus } from '../modules/contacts/contact-enums';
import { Staff } from '../modules/staff/staff.entity';
import type { AccessTokenClaims } from './jwt';
import type { Principal } from './principal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the principal from the database on every request: role, team and segment come from
 * here, never from the token, so a demotion or deactivation applies to the very next request.
 */
export async function loadPrincipal(manager: EntityManager, claims: AccessTokenClaims): Promise<Principal> {
  if (claims.principalType === 'staff') {
    const staff = await manager.findOne(Staff, { where: { staffNumber: claims.subject } });
    if (!staff || !staff.active) throw unauthenticated('Unknown or inactive member of staff.');
    return { kind: 'staff', staff };
  }
  if (!UUID.test(claims.subject)) throw unauthenticated('Unknown or inactive self-service client.');
  const contact = await manager.findOne(Contact, {
    select: { id: true, selfServiceStatus: true },
    where: { id: claims.subject },
  });
  if (!contact || contact.selfServiceStatus !== SelfServiceStatus.REGISTERED_ACTIVE) {
    throw unauthenticated('Unknown or inactive self-service client.');
  }
  return { kind: 'client', contactId: contact.id };
}
