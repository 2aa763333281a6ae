import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isEnumType } from 'graphql';
import { declaredRefusalValues } from '../src/common/refusals';
import { buildAppSchema } from '../src/server/schema';

/** Typed refusals: every `reason` an error carries is a value of a module's refusal enum, listed in the contract. */

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

describe('refusal reasons are typed and in the schema', () => {
  it('no error is raised with a reason typed as a bare string', () => {
    const bare = sources(join(__dirname, '..', 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/reason: '([A-Z_]+)'/g)].map((match) => `${file}: ${match[1]}`));
    expect(bare).toEqual([]);
  });

  it('every module refusal enum is in the schema with all its values', () => {
    const schema = buildAppSchema();
    const inSchema = new Set(Object.values(schema.getTypeMap()).filter((type) => isEnumType(type) && type.name.endsWith('Refusal'))
      .flatMap((type) => (isEnumType(type) ? type.getValues().map((value) => value.name) : [])));
    expect([...declaredRefusalValues()].filter((value) => !inSchema.has(value))).toEqual([]);
    for (const name of ['AccessRefusal', 'AccessChainRefusal', 'ServiceRequestRefusal', 'PreferenceRefusal', 'LetterRefusal', 'SecurityRefusal']) {
      expect(isEnumType(schema.getType(name))).toBe(true);
    }
  });
});
