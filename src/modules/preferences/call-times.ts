import type { EntityManager } from 'typeorm';
import type { InputProblems } from '../../common/errors';
import { optionalText } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { byKey, defineLoader } from '../../request/loaders';
import { Activity } from '../service-requests/activity.entity';
import { ActivityStatus } from '../service-requests/sr-enums';
import { ContactCallTimes } from './contact-call-times.entity';
import { CALL_TIMES_PLANNED_START, PreferenceActivity } from './preference-enums';

/*
 * PREF-7 at contact level (seed 001 after the security questions, seed 002 with a preference
 * change): one record per contact. This file imports no other feature's services, so security set
 * up can record the times without depending on the preferences procedure.
 */

export const MAX_CALL_TIMES = 200;

/** Trims optional call times; blank or too long is a problem of `field`. Undefined when not given. */
export function checkCallTimes(problems: InputProblems, field: string, given: string | null | undefined): string | undefined {
  if (given == null) return undefined;
  const text = optionalText(given);
  problems.check(text !== undefined, field, 'is empty');
  problems.check(!text || text.length <= MAX_CALL_TIMES, field, `is longer than ${MAX_CALL_TIMES} characters`);
  return text;
}

/**
 * PREF-7: preferred call times are an activity planned for 2035-01-01 with status NOT_REQUIRED:
 * never worked as a task, it sorts first in the plan where every caseworker sees it. The SR keeps
 * what was said in it; the contact keeps the current times (recordContactCallTimes).
 */
export async function recordCallTimes(ctx: RequestContext, tx: EntityManager, serviceRequestId: string, text: string): Promise<void> {
  const current = await tx.findOne(Activity, { where: { serviceRequestId, name: PreferenceActivity.CALL_TIMES } });
  if (current) {
    await tx.update(Activity, { id: current.id }, { description: text, completedAt: ctx.now });
    return;
  }
  await tx.insert(Activity, {
    serviceRequestId,
    sequence: 0,
    name: PreferenceActivity.CALL_TIMES,
    status: ActivityStatus.NOT_REQUIRED,
    outcome: null,
    plannedStart: CALL_TIMES_PLANNED_START,
    description: text,
    completedAt: ctx.now,
    completedById: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null,
  });
}

/** Records (or replaces) the contact's preferred call times, in the caller's transaction. */
export async function recordContactCallTimes(ctx: RequestContext, tx: EntityManager, contactId: string, text: string): Promise<void> {
  await tx.upsert(ContactCallTimes, {
    contactId,
    description: text,
    plannedStart: CALL_TIMES_PLANNED_START,
    status: ActivityStatus.NOT_REQUIRED,
    recordedAt: ctx.now,
    recordedById: ctx.principal?.kind === 'staff' ? ctx.principal.staff.id : null,
  }, ['contactId']);
}

/** The call times of contacts already loaded as visible (Contact.preferredCallTimes). */
export const callTimesByContactId = defineLoader((ctx) => byKey<ContactCallTimes>(
  (ids) => ctx.dataSource.manager.createQueryBuilder(ContactCallTimes, 't').where('t.contact_id = ANY(:ids)', { ids: [...ids] }).getMany(),
  (row) => row.contactId,
));
