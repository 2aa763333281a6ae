import type { ObjectLiteral } from 'typeorm';
import { visibleSubjectsOf } from '../../authorization/visible-node';
import { MAX_PAGE_SIZE } from '../../common/connection';
import { InputProblems } from '../../common/errors';
import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { AUDIT_EVENT_NODE, isSequence, UUID_NODE_TYPES, type NodeType } from './node-types';

/** Most ids one `nodes` call takes: a page. */
export const MAX_NODES = MAX_PAGE_SIZE;

const BY_SUBJECT = new Map<string, NodeType>([...UUID_NODE_TYPES, AUDIT_EVENT_NODE].map((type) => [type.subject, type]));

/**
 * The rows `ids` the caller may read, in the order asked, null where missing, hidden or not an id
 * at all (the three answer alike). First one statement finds each visible row's type under the
 * read rules, then the type's own single-row read loads it, so a node is exactly what `contact(id)`,
 * `serviceRequest(id)`... would answer.
 */
export async function visibleNodes(ctx: RequestContext, ids: readonly string[]): Promise<(ObjectLiteral | null)[]> {
  new InputProblems().check(ids.length <= MAX_NODES, 'ids', `at most ${MAX_NODES} ids`).throwIfAny();
  const keys = ids.map((id) => id.toLowerCase());
  const uuids = [...new Set(keys.filter(isUuid))];
  const sequences = [...new Set(keys.filter(isSequence))];
  const [byUuid, bySequence] = await Promise.all([
    visibleSubjectsOf(ctx, UUID_NODE_TYPES, uuids),
    visibleSubjectsOf(ctx, [AUDIT_EVENT_NODE], sequences),
  ]);
  const found = new Map([...byUuid, ...bySequence]);
  // One at a time: at most MAX_NODES single-row reads, without queueing them all on the pool at once.
  const loaded = new Map<string, ObjectLiteral | null>();
  for (const [id, subject] of found) loaded.set(id, await BY_SUBJECT.get(subject)!.load(ctx, id));
  return keys.map((key) => loaded.get(key) ?? null);
}
