import type { DataSource } from 'typeorm';
import { NotificationKind } from '../notifications/notification.entity';
import { notify } from '../notifications/notification.service';
import { SrStatus } from '../service-requests/sr-enums';
import { ServiceRequest } from '../service-requests/service-request.entity';

// The reminder's key, written by SQL both to find the SRs not yet reminded and to make the notice:
// one reminder per SR and next action date, so a new wait (CMSL9801 after CMSL9800) reminds again.
const REMINDER_KEY = `'sr:' || s.id || ':due:' || to_char(s.next_action_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * SR-4 for the job runner: tells the owner of an open SR once its next action date has passed
 * (the 7-day waits of CMSL9800 / CMSL9801 above all), so due work does not wait for someone to
 * open the list. Unowned SRs stay in their hopper's due-work list. Idempotent: the notice's unique
 * key is the SR and its due date, so reruns and several workers remind once.
 * The message names the SR by id and kind only: no client data.
 */
export async function remindDueWork(dataSource: DataSource, now: Date, batch = 500): Promise<{ reminded: number }> {
  const due: { id: string; kind: string; ownerId: string; dueAt: Date; key: string }[] = await dataSource
    .createQueryBuilder(ServiceRequest, 's')
    .innerJoin('staff', 'o', 'o.id = s.owner_id AND o.active')
    .select('s.id', 'id')
    .addSelect('s.kind', 'kind')
    .addSelect('s.owner_id', 'ownerId')
    .addSelect('s.next_action_due', 'dueAt')
    .addSelect(REMINDER_KEY, 'key')
    .where('s.status <> :closed', { closed: SrStatus.CLOSED })
    .andWhere('s.next_action_due <= :now', { now })
    .andWhere(`NOT EXISTS (SELECT 1 FROM notification n WHERE n.dedupe_key = ${REMINDER_KEY})`)
    .orderBy('s.next_action_due', 'ASC')
    .limit(batch)
    .getRawMany();
  if (due.length === 0) return { reminded: 0 };
  const reminded = await notify(dataSource.manager, now, due.map((sr) => ({
    recipientId: sr.ownerId,
    kind: NotificationKind.WORK_DUE,
    message: `Service request ${sr.id} (${sr.kind}) is due: its next action date ${new Date(sr.dueAt).toISOString()} has passed.`,
    dedupeKey: sr.key,
  })));
  return { reminded };
}
