/**
 * The SQL the floor runs: written out by hand as the very statements the API sends for its contact
 * list, count and lookup (bench/run.ts compares them with the SQL captured from the API before
 * measuring and flags any drift in the report, so it is seen rather than silently benchmarked).
 */

/**
 * The columns of the Contact entity the API reads on its hot path (src/modules/contacts/contact.read.ts:
 * all but the creation and update stamps, which no field shows), in entity order, aliased as TypeORM's
 * query builder does.
 */
const CONTACT_COLUMNS = [
  'id', 'kind', 'client_role', 'scin', 'nino', 'first_name', 'last_name', 'date_of_birth', 'address_line1',
  'address_line2', 'town', 'postcode', 'phone', 'email', 'sensitive', 'preferred_language', 'self_service_status',
  'preferred_contact_method',
];
const SELECT_CONTACT = `SELECT ${CONTACT_COLUMNS.map((column) => `"c"."${column}" AS "c_${column}"`).join(', ')} FROM "contact" "c"`;

/**
 * The row rule of a member of staff as SQL, for the cases the floor models: the SCR team sees every
 * contact, a security reviewer only contacts a live VIEW_CONTACT grant names, everyone else the
 * contacts not flagged sensitive plus those granted (ability.ts `contactAlternatives`, SCR-1).
 */
export interface RowRule {
  where: string;
  parameters: unknown[];
}

export const SEES_EVERY_CONTACT = new Set(['SCR_CASEWORKER', 'SCR_MANAGER']);

export function contactRule(role: string, grantedContactIds: string[]): RowRule {
  if (SEES_EVERY_CONTACT.has(role)) return { where: '(TRUE)', parameters: [] };
  const byGrant = grantedContactIds.length > 0;
  if (role === 'SECURITY_REVIEWER') {
    return byGrant ? { where: '("c"."id" = ANY($1))', parameters: [grantedContactIds] } : { where: '(FALSE)', parameters: [] };
  }
  return byGrant
    // As the API's converter writes it (casl-to-sql.ts; CASL lists the later rule, the grant, first).
    ? { where: '(("c"."id" = ANY($1)) OR ("c"."sensitive" = $2))', parameters: [grantedContactIds, false] }
    : { where: '("c"."sensitive" = $1)', parameters: [false] };
}

export const listSql = (rule: RowRule, limit: number) =>
  `${SELECT_CONTACT} WHERE ${rule.where} ORDER BY "c"."last_name" ASC, "c"."first_name" ASC, "c"."id" ASC LIMIT ${limit}`;

export const countSql = (rule: RowRule) => `SELECT COUNT(1) AS "cnt" FROM "contact" "c" WHERE ${rule.where}`;

/**
 * totalCount without a filter, as the API counts it since migration ContactCounts
 * (src/modules/contacts/contact-count.ts): the database's counters per sensitive flag, plus the
 * granted contacts past the counter. Without that table, the floor counts like countSql.
 */
export const COUNTERS_SQL = 'SELECT "sensitive", "n" FROM "contact_count"';
export const grantedCountSql = (nonSensitiveToo: boolean) =>
  `SELECT count(*)::int AS n FROM "contact" WHERE "id" = ANY($1::uuid[])${nonSensitiveToo ? ' AND "sensitive"' : ''}`;

export const byIdSql = (rule: RowRule) => `${SELECT_CONTACT} WHERE ${rule.where} AND "c"."id" = ANY($${rule.parameters.length + 1})`;

/** Whitespace-insensitive form of a statement, to compare the floor's SQL with the API's. */
export const normaliseSql = (sql: string) => sql.replace(/\s+/g, ' ').trim();
