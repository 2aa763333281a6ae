import type { EntityManager } from 'typeorm';
import { unauthenticated } from '../common/errors';
import { isUuid } from '../common/input';
import { Contact } from '../modules/contacts/contact.entity';
import { SelfServiceStatus } from '../modules/contacts/contact-enums';
import { Staff } from '../modules/staff/staff.entity';
import type { LiveGrant } from '../authorization/ability';
import { liveGrantCondition } from '../authorization/live-grants';
import { AccessGrant } from '../modules/access-requests/access-grant.entity';
import type { AccessTokenClaims } from './jwt';
import type { Principal } from './principal';

/**
 * Reads the principal from the database on every request: role, team and segment come from
 * here, never from the token, so a demotion or deactivation applies to the very next request.
 */
export async function loadPrincipal(
  manager: EntityManager,
  claims: AccessTokenClaims,
  now: Date,
): Promise<{ principal: Principal; liveGrants: LiveGrant[] }> {
  if (claims.principalType === 'staff') {
    // One round trip for the member of staff and the grants live at this instant (SCR-4).
    const staff: (Staff & { liveGrants?: AccessGrant[] }) | null = await manager
      .createQueryBuilder(Staff, 's')
      .leftJoinAndMapMany('s.liveGrants', AccessGrant, 'g', `g.staff_id = s.id AND ${liveGrantCondition('g')}`, { now })
      .where('s.staff_number = :staffNumber', { staffNumber: claims.subject })
      .getOne();
    if (!staff || !staff.active) throw unauthenticated('Unknown or inactive member of staff.');
    const liveGrants = staff.liveGrants ?? [];
    delete staff.liveGrants;
    return { principal: { kind: 'staff', staff }, liveGrants };
  }
  if (!isUuid(claims.subject)) throw unauthenticated('Unknown or inactive self-service client.');
  const contact = await manager.findOne(Contact, {
    select: { id: true, selfServiceStatus: true },
    where: { id: claims.subject },
  });
  if (!contact || contact.selfServiceStatus !== SelfServiceStatus.REGISTERED_ACTIVE) {
    throw unauthenticated('Unknown or inactive self-service client.');
  }
  return { principal: { kind: 'client', contactId: contact.id }, liveGrants: [] };
}
