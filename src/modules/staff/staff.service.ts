import { requireAccess, type AccessTarget } from '../../authorization/require-access';
import { notFound } from '../../common/errors';
import { optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Staff } from './staff.entity';

const STAFF: AccessTarget<Staff> = { entity: Staff, subject: 'Staff', noun: 'Member of staff' };

/** A member of staff by id, through the one access entry point: one the caller may not read answers as a missing one. */
export function staffMember(ctx: RequestContext, id: string): Promise<Staff> {
  return requireAccess(ctx, ctx.dataSource.manager, STAFF, id, 'read', { lock: false });
}

/** By staff number (audit actors, forms): the number names the row, then the same entry point decides. */
export async function staffMemberByNumber(ctx: RequestContext, staffNumber: string): Promise<Staff> {
  const number = optionalText(staffNumber);
  const row = number ? await ctx.dataSource.getRepository(Staff).findOne({ select: { id: true }, where: { staffNumber: number } }) : null;
  if (!row) throw notFound(STAFF.noun);
  return staffMember(ctx, row.id);
}
