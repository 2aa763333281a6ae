import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../src/cli/seed/demo-data';
import { openDatabase } from '../../src/database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../../src/modules/entities';

/** Where the run's templates are (set by the global setup); absent: each file builds its own. */
export const TEMPLATE_DIR_ENV = 'CMG_TEST_TEMPLATE_DIR';

/** A freshly migrated embedded database, and the same with the demo data, as tarballs. */
export async function buildTemplates(): Promise<{ migrated: Blob; seeded: Blob }> {
  const database = await openDatabase({ embeddedDataDir: 'memory' }, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  try {
    const migrated = await database.dumpEmbedded!();
    await seedDemo(database.dataSource.manager);
    return { migrated, seeded: await database.dumpEmbedded!() };
  } finally {
    await database.close();
  }
}

let built: Promise<{ migrated: Blob; seeded: Blob }> | undefined;

/** The run's templates from the global setup's files, or built once for this file. */
export function templates(): Promise<{ migrated: Blob; seeded: Blob }> {
  built ??= (async () => {
    const dir = process.env[TEMPLATE_DIR_ENV];
    if (dir && existsSync(join(dir, 'seeded.tar'))) {
      return { migrated: new Blob([readFileSync(join(dir, 'migrated.tar'))]), seeded: new Blob([readFileSync(join(dir, 'seeded.tar'))]) };
    }
    return buildTemplates();
  })();
  return built;
}
