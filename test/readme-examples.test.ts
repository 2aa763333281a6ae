import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { buildAppSchema } from '../src/server/schema';

/**
 * Issue 8 point 15: the README's examples copy-paste as written. Every request body of a `gql` or
 * `curl -d` line is valid JSON once the shell has put in its variables (no raw newline inside a
 * JSON string), and every operation in it, or in a ```graphql block, is valid against the schema.
 */

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const blocks = (language: string) => [...README.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]);

/** What the shell passes for one word starting at `start`: single-quoted parts and `$VAR`s, joined. */
function shellWord(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  for (;;) {
    if (text[i] === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw new Error(`unterminated quote at ${text.slice(start, start + 60)}`);
      value += text.slice(i + 1, close);
      i = close + 1;
    } else if (text[i] === '$') {
      const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(text.slice(i))!;
      value += `var-${name[1].toLowerCase()}`; // a stand-in for an id the reader pastes
      i += name[0].length;
    } else if (text[i] === '"' && text[i + 1] === '$') {
      const close = text.indexOf('"', i + 1);
      value += `var-${text.slice(i + 2, close).toLowerCase()}`;
      i = close + 1;
    } else {
      return { value, end: i };
    }
  }
}

interface Example { line: string; body: string }

/** Every request body the README's shell examples send: `gql WHO '<json>'` and `curl ... -d '<json>'`. */
const examples: Example[] = blocks('sh').flatMap((block) =>
  [...block.matchAll(/(?:^|\n)\s*(?:gql\s+\S+\s+|curl\s[^\n]*?(?:\\\n[^\n]*?)*-d\s+)(?=')/g)].map((match) => {
    const start = match.index! + match[0].length;
    return { line: block.slice(start, start + 80).split('\n')[0], body: shellWord(block, start).value };
  }));

/** Placeholders the reader replaces, where a scalar would refuse the placeholder itself. */
const withSampleValues = (query: string) => query.replace(/\\?"<ISO instant>\\?"/g, '"2026-03-02T09:00:00Z"');

describe('issue 8 point 15: README examples copy-paste as written', () => {
  const schema = buildAppSchema();

  it('finds the examples (curl, gql and graphql blocks)', () => {
    expect(examples.length).toBeGreaterThan(30);
    expect(blocks('graphql').length).toBeGreaterThan(0);
  });

  it.each(examples.map((example) => [example.line, example.body]))('%s: its body is JSON', (_line, body) => {
    expect(() => JSON.parse(body)).not.toThrow();
    const json = JSON.parse(body);
    expect(typeof json.query).toBe('string');
    if ('variables' in json) expect(typeof json.variables).toBe('object');
  });

  it.each(examples.map((example) => [example.line, example.body]))('%s: its operation is valid against the schema', (_line, body) => {
    let query: string;
    try {
      query = JSON.parse(body).query;
    } catch {
      return; // said by the JSON test above
    }
    expect(validate(schema, parse(withSampleValues(query))).map((error) => error.message)).toEqual([]);
  });

  it.each(blocks('graphql').map((block) => [block.split('\n')[0], block]))('```graphql %s: valid against the schema', (_first, block) => {
    expect(validate(schema, parse(block)).map((error) => error.message)).toEqual([]);
  });
});
