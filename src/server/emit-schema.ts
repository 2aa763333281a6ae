import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printContract } from './schema';

/** `npm run schema:emit` writes schema.graphql; `npm run schema:check` fails when it is stale. */
const file = join(__dirname, '..', '..', 'schema.graphql');
const contract = printContract();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // a missing file is stale too
  }
  if (committed !== contract) {
    console.error('schema.graphql differs from the schema the code builds. Run `npm run schema:emit` and commit it.');
    process.exit(1);
  }
  console.log('schema.graphql is current.');
} else {
  writeFileSync(file, contract);
  console.log(`wrote ${file}`);
}
