import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../request/context';
import type { Segment, StaffRole } from '../../authorization/roles';
import { notFound } from '../../common/errors';
import { Staff } from './staff.entity';

/**
 * AUD-5: the history of staff (role, segment, team, active) and of team leaders is written by
 * database triggers on every change of `staff` and `team` (migration 1795950000000), so no path
 * can forget it. The instant of a change is the transaction setting below when the application
 * sets it, else the database's `now()`. Setting it ties history to the injectable clock: a test
 * that moves `ctx.clock` gets history at the clock's instants, as grants and audit events are.
 */
export const HISTORY_INSTANT_SETTING = 'app.now';

/** Stamps every staff and team change of this transaction with `at` in their history ('beginning': -infinity). */
export async function stampHistoryAt(tx: EntityManager, at: Date | 'beginning'): Promise<void> {
  // A transaction-local setting outside a transaction would lapse with its own statement.
  if (!tx.queryRunner?.isTransactionActive) throw new Error('stampHistoryAt needs the transaction the changes run in.');
  await tx.query(`SELECT set_config('${HISTORY_INSTANT_SETTING}', $1, true)`, [at === 'beginning' ? '-infinity' : at.toISOString()]);
}

/** What may change about a member of staff that decides their access (the history keeps each version). */
export interface StaffChange {
  role?: StaffRole;
  segment?: Segment;
  teamId?: string | null;
  active?: boolean;
}

/**
 * The one service function that changes a member of staff: one transaction, the history stamped
 * with the request's instant. (No mutation calls it yet: staff are managed outside this API; the
 * seed and tests use it.)
 */
export async function changeStaff(ctx: Pick<RequestContext, 'dataSource' | 'now'>, staffId: string, change: StaffChange): Promise<Staff> {
  return ctx.dataSource.transaction(async (tx) => {
    await stampHistoryAt(tx, ctx.now);
    const staff = await tx.findOne(Staff, { where: { id: staffId }, lock: { mode: 'pessimistic_write' } });
    if (!staff) throw notFound('Member of staff');
    Object.assign(staff, change);
    return tx.save(staff);
  });
}
