import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isEnumType } from 'graphql';
import { ERROR_CODES, ErrorCode } from '../src/common/errors';
import { declaredRefusalValues, refusalEnumTypes } from '../src/common/refusals';
import { buildAppSchema } from '../src/server/schema';
import { assertListedCodes } from './support/test-app';

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

describe('issue 8 point 10: error codes are a closed, documented list', () => {
  it('the schema enum ErrorCode lists every code, app and request alike, each with its meaning', () => {
    const type = buildAppSchema().getType('ErrorCode');
    if (!isEnumType(type)) throw new Error('ErrorCode is not in the schema');
    expect(type.getValues().map((value) => value.name).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(Object.values(ErrorCode).filter((code) => !(code in ERROR_CODES))).toEqual([]);
    for (const value of type.getValues()) expect(value.description).toBeTruthy();
  });

  it('the README names every code and points to the refusal enums', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(Object.keys(ERROR_CODES).filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
    expect(readme).toContain('`ErrorCode`');
    expect(readme).toContain('`*Refusal`');
  });

  it("the README's table of refusal enums lists each enum with exactly its values", () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const rows = new Map([...readme.matchAll(/^\| `(\w+Refusal)` \| (.*) \|$/gm)].map((row) => [row[1], [...row[2].matchAll(/`(\w+)`/g)].map((m) => m[1])]));
    buildAppSchema();
    const declared = new Map(refusalEnumTypes().map((type) => [type.name, type.getValues().map((value) => value.name)]));
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(declared));
  });

  it('the e2e client checks every answer against the list: an unlisted code or reason fails the test that meets it', () => {
    expect(() => assertListedCodes([{ message: 'x', extensions: { code: 'NOT_FOUND' } }])).not.toThrow();
    expect(() => assertListedCodes([{ message: 'x', extensions: { code: 'CONFLICT', reason: 'WAIT_NOT_OVER' } }])).not.toThrow();
    expect(() => assertListedCodes([{ message: 'x', extensions: { code: 'TEAPOT' } }])).toThrow(/unlisted error code/);
    expect(() => assertListedCodes([{ message: 'x', extensions: { code: 'CONFLICT', reason: 'because' } }])).toThrow(/unlisted refusal reason/);
    expect(() => assertListedCodes([{ message: 'x' }])).toThrow(/unlisted error code/);
  });
});
