import { declarePersonalData } from '../../authorization/personal-data';
import type { RequestContext } from '../../request/context';
import type { Activity } from './activity.entity';
import type { ServiceRequest } from './service-request.entity';
import type { SrNote } from './sr-note.entity';
import type { SrStatusChange } from './sr-status-change.entity';
import { subjectOfSr } from './sr.loaders';

const subjectOf = async (ctx: RequestContext, srId: string) => (await subjectOfSr(ctx).load(srId))?.subject ?? null;

// SCR-3: what an SR says about its subject is shown only to those who may see the subject.
declarePersonalData<ServiceRequest>('ServiceRequest', {
  contactOf: (_ctx, sr) => sr.subjectContactId,
  personal: ['sourceName', 'sourceRole'],
  notPersonal: ['area', 'createdAt', 'id', 'kind', 'nextActionDue', 'process', 'resolutionCode', 'segment', 'sourceType', 'status',
    'subArea', 'subStatus', 'subjectType', 'updatedAt', 'version'],
});

// Preferred call times (PREF-7) and outcomes with their notes in words are the subject's personal data.
declarePersonalData<Activity>('Activity', {
  contactOf: (ctx, activity) => subjectOf(ctx, activity.serviceRequestId),
  personal: ['description', 'outcome', 'outcomeNote'],
  notPersonal: ['completedAt', 'id', 'name', 'plannedStart', 'sequence', 'status'],
});

declarePersonalData<SrNote>('SrNote', {
  contactOf: (ctx, note) => subjectOf(ctx, note.serviceRequestId),
  personal: ['text'],
  notPersonal: ['createdAt', 'id'],
});

// The history says what happened to the SR, not about its subject: shown with the SR (SR-8).
declarePersonalData<SrStatusChange>('SrStatusChange', {
  contactOf: (ctx, step) => subjectOf(ctx, step.serviceRequestId),
  personal: [],
  notPersonal: ['actorType', 'changedAt', 'fromStatus', 'fromSubStatus', 'id', 'toStatus', 'toSubStatus'],
});
