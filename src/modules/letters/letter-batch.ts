import type { DataSource } from 'typeorm';
import { LetterChannel, LetterStatus } from './letter-enums';
import { Letter } from './letter.entity';

/** Any number: the key of the advisory lock that lets one batch run at a time. */
const BATCH_LOCK_KEY = 954_700;

export interface LetterBatchResult {
  /** False when another batch held the lock: nothing was done. */
  ran: boolean;
  /** Letters posted. */
  posted: number;
  /** LET-4: letters stored online, each with an email notice to the client. */
  online: number;
}

/**
 * The end-of-day batch (LET-2): every letter still GENERATED at `now` becomes SENT. Posted
 * letters go to the print supplier; online ones (self service, LET-4) are stored on the site and
 * the client is emailed, recorded as `emailNoticeAt`. A letter being cancelled holds its row lock:
 * the batch waits and then skips it (Postgres re-checks the WHERE after the lock), so a letter is
 * either cancelled or sent, never both. Idempotent: a second run finds nothing to send.
 */
export async function runLetterBatch(dataSource: DataSource, now: Date): Promise<LetterBatchResult> {
  return dataSource.transaction(async (tx) => {
    const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [BATCH_LOCK_KEY]);
    if (!locked) return { ran: false, posted: 0, online: 0 };
    const send = async (channel: LetterChannel, emailNoticeAt: Date | null) => {
      const result = await tx
        .createQueryBuilder()
        .update(Letter)
        .set({ status: LetterStatus.SENT, sentAt: now, emailNoticeAt })
        .where('status = :generated', { generated: LetterStatus.GENERATED })
        .andWhere('channel = :channel', { channel })
        .andWhere('created_at <= :now', { now })
        .returning(['id'])
        .execute();
      return (result.raw as unknown[]).length;
    };
    const online = await send(LetterChannel.ONLINE, now);
    const posted = await send(LetterChannel.POST, null);
    return { ran: true, posted, online };
  });
}
