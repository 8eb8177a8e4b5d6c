// The `ts` blocks of README.md and docs/*.md as TypeScript modules, so the docs cannot go stale.
// `npm run typecheck` (scripts/typecheck.js) writes one module per block into .doc-snippets/ (gitignored)
// and type-checks them in the same compiler run as lib/, with tsconfig.dev.json's options; the doc
// snippet test (test/docs) checks the same modules parse. See docs/testing.md for the `context` and
// `fragment` flags.
const fs = require('fs');
const path = require('path');
const { codeBlocks } = require('./code-blocks');

const root = path.resolve(__dirname, '..', '..');
/** Where `npm run typecheck` writes the modules. */
const snippetRoot = path.join(root, '.doc-snippets');
const IMPORT = /^import\s[^;]*;[ \t]*$/gm;
const NAMED_IMPORT = /^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';/;
/** The blueprint module the testing docs import as `../app`: a stub exporting `buildApp(app)`. */
const APP_STUB = "import { App } from 'cdktf';\nexport function buildApp(_app: App): void {}\n";

/** Every `ts` block of README.md and docs/*.md, with its page. */
function docSnippets() {
  const pages = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
  return pages.flatMap((page) => codeBlocks(fs.readFileSync(path.join(root, page), 'utf8'))
    .filter((block) => block.language === 'ts')
    .map((block) => ({ page, ...block })));
}

/**
 * The module of one block (`snippets` are the page's compiled blocks). A context block, or a block
 * without context: the earlier contexts and the block. With the page's earlier context blocks: the
 * contexts, then the block's code in braces, so it may declare a name a context declares too, then its
 * imports, keeping only names the contexts did not import. `offset` is the block's first line in it.
 */
function moduleOf(snippet, snippets) {
  const contexts = snippets.filter((s) => s.page === snippet.page && s.line < snippet.line && s.flags.includes('context'));
  if (contexts.length === 0 || snippet.flags.includes('context')) {
    const prefix = contexts.map((c) => `${c.code}\n`).join('');
    return { text: `${prefix}${snippet.code}\nexport {};\n`, offset: prefix.split('\n').length - 1 };
  }
  const imported = new Set();
  for (const context of contexts) {
    for (const statement of context.code.match(IMPORT) ?? []) {
      const named = NAMED_IMPORT.exec(statement);
      for (const name of named ? named[1].split(',').map((n) => n.trim()) : []) imported.add(`${named[2]}|${name}`);
    }
  }
  const imports = [];
  const body = snippet.code.replace(IMPORT, (statement) => {
    const named = NAMED_IMPORT.exec(statement);
    const fresh = named ? named[1].split(',').map((n) => n.trim()).filter((n) => n !== '' && !imported.has(`${named[2]}|${n}`)) : [];
    if (!named) imports.push(statement);
    else if (fresh.length > 0) imports.push(`import { ${fresh.join(', ')} } from '${named[2]}';`);
    return '\n'.repeat(statement.split('\n').length - 1);
  });
  const prefix = `${contexts.map((c) => `${c.code}\n`).join('')}{\n`;
  return { text: `${prefix}${body}\n}\n${imports.join('\n')}\nexport {};\n`, offset: prefix.split('\n').length - 1 };
}

/** The file name of a block's module, which names its page and line (README_md_42.ts). */
function fileNameOf(snippet) {
  return `${snippet.page.replace(/[/.]/g, '_')}_${snippet.line}.ts`;
}

/** Writes every compiled block's module into `dir`/snippets and the `../app` stub into `dir`; returns the files. */
function writeSnippetModules(dir = snippetRoot) {
  const compiled = docSnippets().filter((s) => !s.flags.includes('fragment'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'snippets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app.ts'), APP_STUB);
  return compiled.map((snippet) => {
    const file = path.join(dir, 'snippets', fileNameOf(snippet));
    fs.writeFileSync(file, moduleOf(snippet, compiled).text);
    return file;
  });
}

module.exports = { docSnippets, moduleOf, fileNameOf, writeSnippetModules, snippetRoot };
