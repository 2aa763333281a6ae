/**
 * The query plans of the SQL the API sent for one request (captured as for the raw-pg baseline),
 * by EXPLAIN (ANALYZE, BUFFERS) on the bench database, and a check that each is driven by an
 * index: no sequential scan of a large table, no sort of many rows (a keyset page must come
 * in index order), no scan that throws many of the rows it reads away (the sensitive filter),
 * and for the tables that are small in the bench (staff, teams, grants), an index the planner
 * would use once they are large (asked with enable_seqscan off). Issue 11 point 4: the hot
 * requests must not grow with the tables.
 */
import { Client } from 'pg';
import type { Statement } from './serve-api';

export interface Plan {
  sql: string;
  /** What the statement is, when it is not the API's own captured SQL. */
  label?: string;
  /** Small tables the plan reads whole where an index would serve it once they are large. */
  smallScans: string[];
  /** EXPLAIN ANALYZE output with the parameters' values (a custom plan); empty when not a query. */
  text: string;
  /** The same for the generic plan a prepared statement may settle on; empty without parameters. */
  genericText: string;
  /** Why the plan is not index-driven; empty when it is. */
  problems: string[];
}

/** Tables at least this big must not be read from end to end by a hot request. */
const LARGE_TABLE_ROWS = 10_000;
/** More rows than this through a Sort, or thrown away by a filter after an index, is a problem. */
const MANY_ROWS = 1_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const parametersOf = (statement: Statement) =>
  statement.parameters.map((value) => (typeof value === 'string' && ISO_INSTANT.test(value) ? new Date() : value));

const indentOf = (line: string) => line.length - line.trimStart().length;

/** Tables the plan reads with a filtering sequential scan: [table, whether the scan has a Filter]. */
function seqScans(text: string): { table: string; filtered: boolean }[] {
  const lines = text.split('\n');
  const scans: { table: string; filtered: boolean }[] = [];
  lines.forEach((line, i) => {
    const seq = /Seq Scan on "?(\w+)"?/.exec(line);
    if (!seq) return;
    let filtered = false;
    for (let j = i + 1; j < lines.length && indentOf(lines[j]) > indentOf(line) && !lines[j].includes('->'); j++) {
      if (/^\s*Filter:/.test(lines[j])) filtered = true;
    }
    scans.push({ table: seq[1], filtered });
  });
  return scans;
}

/** Plain-text verdicts on one EXPLAIN ANALYZE output. */
export function planProblems(text: string, tableRows: Map<string, number>): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  for (const { table } of seqScans(text)) {
    const rows = tableRows.get(table) ?? 0;
    if (rows >= LARGE_TABLE_ROWS) problems.push(`sequential scan of ${table} (${Math.round(rows).toLocaleString('en-GB')} rows)`);
  }
  lines.forEach((line, i) => {
    const sort = /^\s*(->\s*)?Sort\s+\(.*actual [^)]*rows=(\d+)/.exec(line);
    if (sort && Number(sort[2]) > MANY_ROWS) problems.push(`sort of ${Number(sort[2]).toLocaleString('en-GB')} rows (not in index order)`);
    const removed = /Rows Removed by (Filter|Index Recheck|Join Filter): (\d+)/.exec(line);
    if (removed && Number(removed[2]) > MANY_ROWS) {
      const node = lines.slice(0, i).reverse().find((previous) => indentOf(previous) < indentOf(line)) ?? '';
      problems.push(`${Number(removed[2]).toLocaleString('en-GB')} rows removed by ${removed[1].toLowerCase()} in ` +
        node.trim().replace(/^->\s*/, '').replace(/\s+\(cost.*$/, ''));
    }
  });
  return problems;
}

/** A parameter's value as an untyped SQL literal (the statement's own types apply). */
function literal(db: Client, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return db.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return db.escapeLiteral(`{${value.map((item) => JSON.stringify(String(item))).join(',')}}`);
  return db.escapeLiteral(String(value));
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement, the second of two runs (so on a warm cache). */
export async function explainStatements(databaseUrl: string, statements: Statement[], label?: string): Promise<Plan[]> {
  const db = new Client({ connectionString: databaseUrl, application_name: 'cmg-bench-explain' });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`);
    const tableRows = new Map<string, number>(rows.map((row: { relname: string; reltuples: number }) => [row.relname, Number(row.reltuples)]));
    const plans: Plan[] = [];
    for (const statement of statements) {
      const sql = statement.sql.replace(/\s+/g, ' ').trim();
      if (!/^(SELECT|WITH)\b/i.test(sql)) {
        plans.push({ sql, label, text: '', genericText: '', problems: [], smallScans: [] });
        continue;
      }
      let text = '';
      for (let run = 0; run < 2; run++) {
        const result = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, parametersOf(statement));
        text = result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      }
      const problems = planProblems(text, tableRows);
      // A filtering sequential scan of a table that is small in the bench is the planner's right
      // choice there; what matters is whether an index would serve it once the table is large.
      const small = seqScans(text).filter(({ table, filtered }) => filtered && (tableRows.get(table) ?? 0) < LARGE_TABLE_ROWS);
      const smallScans: string[] = [];
      if (small.length > 0) {
        await db.query('BEGIN');
        try {
          await db.query('SET LOCAL enable_seqscan = off');
          const forced = (await db.query(`EXPLAIN ${statement.sql}`, parametersOf(statement))).rows
            .map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
          const still = new Set(seqScans(forced).filter((scan) => scan.filtered).map((scan) => scan.table));
          for (const table of new Set(small.map((scan) => scan.table))) {
            if (still.has(table)) problems.push(`no index serves the filter on ${table} (small here; read end to end once it is large)`);
            else smallScans.push(table);
          }
        } finally {
          await db.query('ROLLBACK');
        }
      }
      // Prepared statements (the hot path's) run a generic plan once Postgres finds it no dearer
      // than the custom ones: that plan must be index-driven too.
      let genericText = '';
      if (statement.parameters.length > 0) {
        await db.query('BEGIN');
        try {
          await db.query('SET LOCAL plan_cache_mode = force_generic_plan');
          await db.query(`PREPARE cmg_bench_explain AS ${statement.sql}`);
          // EXECUTE's arguments cannot be bound parameters: literals, typed by the PREPARE.
          const literals = parametersOf(statement).map((value) => literal(db, value)).join(', ');
          genericText = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE cmg_bench_explain(${literals})`)).rows
            .map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
          for (const problem of planProblems(genericText, tableRows)) {
            if (!problems.includes(problem)) problems.push(`generic plan: ${problem}`);
          }
        } finally {
          await db.query('ROLLBACK');
          await db.query('DEALLOCATE ALL');
        }
      }
      plans.push({ sql, label, text, genericText, problems, smallScans });
    }
    return plans;
  } finally {
    await db.end();
  }
}
