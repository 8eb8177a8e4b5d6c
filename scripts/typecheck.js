#!/usr/bin/env node
// `npm run typecheck`: one incremental compiler run with tsconfig.dev.json's options over its files (lib/,
// examples/, test/, bench/) and the `ts` blocks of README.md and docs/*.md, written as modules into
// .doc-snippets/ first (test/docs/snippet-modules.js); `npx tsc -p tsconfig.dev.json` checks all but those. The blocks are held to `strict` but not to the unused-name checks: a
// doc block may import or declare a name only to show it. A block's errors are reported at its page line.
const path = require('path');
const ts = require('typescript');
const { docSnippets, fileNameOf, moduleOf, snippetRoot, writeSnippetModules } = require('../test/docs/snippet-modules');

const root = path.resolve(__dirname, '..');
const UNUSED_NAME_CODES = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);

const snippetFiles = writeSnippetModules();
const compiled = docSnippets().filter((s) => !s.flags.includes('fragment'));
const blockOf = new Map(compiled.map((s) => [path.join(snippetRoot, 'snippets', fileNameOf(s)), s]));

const configPath = path.join(root, 'tsconfig.dev.json');
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
const program = ts.createIncrementalProgram({ rootNames: [...config.fileNames, ...snippetFiles], options: config.options, projectReferences: config.projectReferences });
const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => {
  const inSnippets = d.file && path.resolve(d.file.fileName).startsWith(`${snippetRoot}${path.sep}`);
  return !(inSnippets && UNUSED_NAME_CODES.has(d.code));
});
program.emit(); // with noEmit, writes only the incremental build info

for (const d of diagnostics) {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) { console.error(`error TS${d.code}: ${text}`); continue; }
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const file = path.resolve(d.file.fileName);
  const block = blockOf.get(file);
  if (block) {
    const offset = moduleOf(block, compiled).offset;
    const where = line >= offset ? `${block.page}:${block.line + line - offset}` : `${block.page}:${block.line} (its page's context block, line ${line + 1} of ${path.relative(root, file)})`;
    console.error(`${where}: error TS${d.code}: ${text} [doc block under "${block.heading}"]`);
  } else {
    console.error(`${path.relative(root, file)}(${line + 1},${character + 1}): error TS${d.code}: ${text}`);
  }
}
if (diagnostics.length > 0) {
  console.error(`\n${diagnostics.length} type error(s)`);
  process.exitCode = 1;
}
