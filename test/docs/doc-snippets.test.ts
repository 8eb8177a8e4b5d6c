import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { codeBlocks } from './code-blocks';

/**
 * Every `ts` block of README.md and docs/*.md compiles against the library, so the docs cannot go stale.
 * Each block is its own module, which imports the library by its package name (mapped to lib/ here).
 * A page may have blocks flagged `context` (```` ```ts context ````): the imports and values its later
 * blocks assume, shown to readers and put in front of each later block of the page. A block that
 * cannot compile even so carries the `fragment` flag and is left out; see docs/testing.md. The blueprint
 * module the testing docs import as `../app` is a stub exporting `buildApp(app)`.
 */
const root = path.join(__dirname, '..', '..');
const pages = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const snippets = pages.flatMap((page) => codeBlocks(fs.readFileSync(path.join(root, page), 'utf8'))
  .filter((block) => block.language === 'ts')
  .map((block) => ({ page, ...block })));
const compiled = snippets.filter((s) => !s.flags.includes('fragment'));
type Snippet = typeof compiled[number];
const IMPORT = /^import\s[^;]*;[ \t]*$/gm;
const NAMED_IMPORT = /^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';/;

/**
 * The module of one block. A context block, or a block without context: the earlier contexts and the
 * block. With the page's earlier context blocks: the
 * contexts, then the block's code in braces, so it may declare a name a context declares too, then its
 * imports, keeping only names the contexts did not import. `offset` is the block's first line in it.
 */
function moduleOf(snippet: Snippet): { text: string; offset: number } {
  const contexts = compiled.filter((s) => s.page === snippet.page && s.line < snippet.line && s.flags.includes('context'));
  if (contexts.length === 0 || snippet.flags.includes('context')) {
    const prefix = contexts.map((c) => `${c.code}\n`).join('');
    return { text: `${prefix}${snippet.code}\nexport {};\n`, offset: prefix.split('\n').length - 1 };
  }
  const imported = new Set<string>();
  for (const context of contexts) {
    for (const statement of context.code.match(IMPORT) ?? []) {
      const named = NAMED_IMPORT.exec(statement);
      for (const name of named ? named[1].split(',').map((n) => n.trim()) : []) imported.add(`${named![2]}|${name}`);
    }
  }
  const imports: string[] = [];
  const body = snippet.code.replace(IMPORT, (statement: string) => {
    const named = NAMED_IMPORT.exec(statement);
    const fresh = named ? named[1].split(',').map((n) => n.trim()).filter((n) => n !== '' && !imported.has(`${named[2]}|${n}`)) : [];
    if (!named) imports.push(statement);
    else if (fresh.length > 0) imports.push(`import { ${fresh.join(', ')} } from '${named[2]}';`);
    return '\n'.repeat(statement.split('\n').length - 1);
  });
  const prefix = `${contexts.map((c) => `${c.code}\n`).join('')}{\n`;
  return { text: `${prefix}${body}\n}\n${imports.join('\n')}\nexport {};\n`, offset: prefix.split('\n').length - 1 };
}

describe('documentation snippets', () => {
  const problems = new Map(compiled.map((s) => [s, [] as string[]]));
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-snippets-'));
  const dir = path.join(base, 'snippets');

  beforeAll(() => {
    const modules = compiled.map((snippet) => ({ snippet, file: path.join(dir, `${snippet.page.replace(/[/.]/g, '_')}_${snippet.line}.ts`), ...moduleOf(snippet) }));
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(base, 'app.ts'), "import { App } from 'cdktf';\nexport function buildApp(_app: App): void {}\n");
    for (const m of modules) fs.writeFileSync(m.file, m.text);
    const nodeModules = path.join(root, 'node_modules');
    const program = ts.createProgram(modules.map((m) => m.file), {
      target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true, noEmit: true, skipLibCheck: true, types: ['node', 'jest'], typeRoots: [path.join(nodeModules, '@types')],
      baseUrl: root, paths: { 'cdktf-gke-secure-mesh': ['lib/index.ts'], '*': [`${nodeModules}/*`] },
    });
    // Only the snippets' own diagnostics: lib/ is type-checked by `npm run typecheck`, and skipping it here is most of the speed.
    const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...modules.flatMap((m) => {
      const file = program.getSourceFile(m.file)!;
      return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    })];
    for (const d of diagnostics) {
      const owner = modules.find((m) => m.file === path.resolve(d.file?.fileName ?? ''));
      if (d.file && path.resolve(d.file.fileName) === path.join(base, 'app.ts')) throw new Error(`the ../app stub: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!owner || !d.file || d.start === undefined) throw new Error(`a diagnostic outside the snippets: ${text}`);
      const line = d.file.getLineAndCharacterOfPosition(d.start).line - owner.offset;
      // A context's own problems are reported on the context block itself.
      if (line >= 0) problems.get(owner.snippet)!.push(`line ${owner.snippet.line + line}: ${text}`);
    }
  }, 120_000);
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('finds the snippets, and compiles all but a few', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(40);
    expect(snippets.length - compiled.length).toBeLessThanOrEqual(snippets.length / 10);
  });

  it.each(compiled.map((s) => [`${s.page}:${s.line} (${s.heading})`, s] as const))('%s compiles', (_name, snippet) => {
    expect(problems.get(snippet)).toEqual([]);
  });
});
