import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeWithPolicyTable } from '../authorization/policy-table';
import { buildAppSchema } from '../server/schema';

/** `npm run docs:policies`: writes the generated policy table (reads and writes, by role) into the README. */
buildAppSchema();
const file = join(__dirname, '..', '..', 'README.md');
writeFileSync(file, readmeWithPolicyTable(readFileSync(file, 'utf8')));
console.log('README policy table written.');
