import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config';
import { openDatabase } from '../../database/open-database';
import { seedDemo } from './demo-data';
import { seedLargeData } from './large-data';
import { ENTITIES, SUBSCRIBERS } from '../../modules/entities';

/**
 * `npm run seed` loads the demo into the configured database (stop `npm start` first when
 * using the embedded data folder: one process at a time may open it).
 * `npm run seed -- --contacts 100000` adds that many generated contacts (5% sensitive). Refused in production.
 */
async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--contacts');
  const contacts = at >= 0 ? Number(args[at + 1]) : 0;
  if (at >= 0 && (!Number.isInteger(contacts) || contacts < 1 || contacts > 5_000_000)) {
    throw new Error('--contacts needs a whole number from 1 to 5000000');
  }
  const config = loadConfig();
  if (config.nodeEnv === 'production') throw new Error('npm run seed loads demo staff and clients: never in production.');
  const database = await openDatabase(config, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  try {
    const loaded = await seedDemo(database.dataSource.manager);
    console.log(loaded ? 'Demo data loaded.' : 'Demo data already present.');
    if (contacts > 0) {
      const started = Date.now();
      await seedLargeData(database.dataSource, contacts);
      console.log(`Added ${contacts} generated contacts in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
