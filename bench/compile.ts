/**
 * The children run plain JavaScript, not ts-node: ts-node keeps the TypeScript compiler in every
 * process (tens of MB of RSS and its CPU at start), which would be measured as the server's.
 * This transpiles src/, migrations/ and bench/ file by file (what ts-node --transpile-only does,
 * decorator metadata included) into node_modules/.cache/cmg-bench/, where `require` still finds
 * the project's node_modules. A few seconds; no type check (`npm run typecheck` does that).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');
export const COMPILED_ROOT = join(ROOT, 'node_modules', '.cache', 'cmg-bench');

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* tsFiles(path);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) yield path;
  }
}

/** Transpiles the project into COMPILED_ROOT; returns how many files. */
export function compileForChildren(): number {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    sourceMap: false, inlineSourceMap: false, declaration: false, noEmit: false,
  };
  rmSync(COMPILED_ROOT, { recursive: true, force: true });
  let count = 0;
  for (const top of ['src', 'migrations', 'bench']) {
    for (const file of tsFiles(join(ROOT, top))) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
      const target = join(COMPILED_ROOT, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
      count++;
    }
  }
  return count;
}
