import type { DataSource } from 'typeorm';

/**
 * Every row of every table but the audit trail and its chain head (which record refusals on purpose) and the
 * migrations table, in a stable order: comparing two snapshots proves a refused call wrote nothing.
 */
export async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'audit_event', 'audit_chain_head', 'audit_checkpoint') ORDER BY 1`,
  );
  const result: Record<string, unknown[]> = {};
  for (const { name } of tables) result[name] = await dataSource.query(`SELECT * FROM "${name}" ORDER BY 1`);
  return result;
}
