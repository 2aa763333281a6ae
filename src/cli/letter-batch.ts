import 'reflect-metadata';
import { systemClock } from '../common/clock';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../database/open-database';
import { runLetterBatch } from '../modules/letters/letter-batch';
import { ENTITIES, SUBSCRIBERS } from '../modules/entities';

/**
 * `npm run letters:batch`: the end-of-day letter batch (LET-2, LET-4) against the configured
 * database; schedule it once a day after close of business. With the embedded database, stop
 * `npm start` first (one process at a time may open its data folder), or use the staff mutation
 * `runLetterBatch` instead.
 */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  try {
    const result = await runLetterBatch(database.dataSource, systemClock.now());
    console.log(result.ran
      ? `Letter batch: ${result.posted} posted, ${result.online} stored online with an email notice.`
      : 'Another letter batch is running; nothing done.');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
