import type { RequestContext } from '../../request/context';

/**
 * How many contacts the caller may read, with no filter, in constant time (issue 11): from the
 * counters the database keeps (migration ContactCounts) instead of counting every visible row.
 *
 * Read from the caller's own `read Contact` rules, so the ability still decides; the shapes it
 * knows are the ones the role table gives (ability.ts `contactAlternatives`):
 *   {}                    every contact (the SCR team)        -> both counters
 *   { sensitive: false }  contacts not flagged sensitive       -> that counter
 *   { id: { $in: ids } }  contacts a live grant names          -> counted by id, past the counter
 *   { id: x }             a client's own record                -> counted by id
 * Any other rule (an inverted one, another field) returns null: the caller counts in SQL instead,
 * so a new kind of rule can make the count slower, never wrong.
 */
export async function countAllVisibleContacts(ctx: RequestContext): Promise<number | null> {
  const rules = ctx.ability.rulesFor('read', 'Contact');
  if (rules.length === 0) return 0;
  let everyone = false;
  let nonSensitive = false;
  const ids = new Set<string>();
  for (const rule of rules) {
    if (rule.inverted || rule.fields) return null;
    const conditions = (rule.conditions ?? {}) as Record<string, unknown>;
    const keys = Object.keys(conditions);
    if (keys.length === 0) everyone = true;
    else if (keys.length === 1 && conditions.sensitive === false) nonSensitive = true;
    else if (keys.length === 1 && typeof conditions.id === 'string') ids.add(conditions.id);
    else if (keys.length === 1 && isInList(conditions.id)) for (const id of conditions.id.$in) ids.add(id);
    else return null;
  }
  const counters: { sensitive: boolean; n: string }[] = await ctx.dataSource.query('SELECT "sensitive", "n" FROM "contact_count"');
  const counter = (sensitive: boolean) => Number(counters.find((row) => row.sensitive === sensitive)?.n ?? 0);
  if (everyone) return counter(false) + counter(true);
  let total = nonSensitive ? counter(false) : 0;
  if (ids.size > 0) {
    // Named contacts that exist, once each, and not already in the non-sensitive counter.
    const [row] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM "contact" WHERE "id" = ANY($1::uuid[])${nonSensitive ? ' AND "sensitive"' : ''}`,
      [[...ids]],
    );
    total += row.n;
  }
  return total;
}

const isInList = (value: unknown): value is { $in: string[] } =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && Array.isArray((value as { $in?: unknown }).$in)
  && (value as { $in: unknown[] }).$in.every((id) => typeof id === 'string');
