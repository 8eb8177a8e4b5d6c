import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { docSnippets, moduleOf } from './snippet-modules';

/**
 * Every `ts` block of README.md and docs/*.md is a module (test/docs/snippet-modules.js) that imports the
 * library by its package name, so the docs cannot go stale. `npm run typecheck` type-checks the modules in
 * the same compiler run as lib/ (scripts/typecheck.js), which reports an error at its page line; this test
 * checks every module parses and that the type check covers them. A page may have blocks flagged
 * `context`, put in front of each later block of the page; a block that cannot compile even so carries the
 * `fragment` flag and is left out; see docs/testing.md.
 */
const root = path.join(__dirname, '..', '..');
const snippets = docSnippets();
const compiled = snippets.filter((s) => !s.flags.includes('fragment'));

describe('documentation snippets', () => {
  it('finds the snippets, and compiles all but a few', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(40);
    expect(snippets.length - compiled.length).toBeLessThanOrEqual(snippets.length / 10);
  });

  it('are type-checked by `npm run typecheck`, with the library', () => {
    const config = ts.readConfigFile(path.join(root, 'tsconfig.dev.json'), ts.sys.readFile).config;
    expect(config.include).toEqual(expect.arrayContaining(['lib/**/*.ts']));
    expect(fs.readFileSync(path.join(root, 'scripts', 'typecheck.js'), 'utf8')).toContain('rootNames: [...config.fileNames, ...snippetFiles]');
    expect(config.compilerOptions).toMatchObject({ strict: true, paths: { 'cdktf-gke-secure-mesh': ['./lib/index.ts'] } });
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.typecheck).toBe('node scripts/typecheck.js');
  });

  it.each(compiled.map((s) => [`${s.page}:${s.line} (${s.heading})`, s] as const))('%s parses', (_name, snippet) => {
    const { text, offset } = moduleOf(snippet, compiled);
    const output = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS } });
    const problems = (output.diagnostics ?? []).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line - offset : 0;
      return `line ${snippet.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});
