import type { DataSource } from 'typeorm';

/** The SQL statements the server sends while `run` runs (through TypeORM's logger hook). */
export async function statementsDuring(dataSource: DataSource, run: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    statements.push(query);
    return original(query, parameters, runner);
  };
  try {
    await run();
  } finally {
    logger.logQuery = original;
  }
  return statements;
}
