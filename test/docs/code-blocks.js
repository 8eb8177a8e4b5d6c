// Reads the fenced code blocks of a Markdown page. Shared by the doc snippet test (test/docs) and the
// consumer test (test/consumer), which builds the README's quick start verbatim.
const path = require('path');

/** The README of the repository. */
const readmePath = path.resolve(__dirname, '..', '..', 'README.md');

/**
 * Every fenced code block of a page, in order: its language, the words after it on the fence line
 * (such as `fragment`), its 1-based first line, the heading it sits under and its code.
 */
function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const title = /^#{1,6} (.*)$/.exec(lines[i]);
    if (title) heading = title[1].trim();
    const fence = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    if (end === lines.length) throw new Error(`unclosed code block at line ${i + 1}`);
    blocks.push({ language: fence[1], flags: fence[2].split(/\s+/).filter(Boolean), line: start + 1, heading, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The code of the README's quick start: its only `ts` block under the "Quick start" heading. */
function quickStartCode(markdown) {
  const found = codeBlocks(markdown).filter((b) => b.heading === 'Quick start' && b.language === 'ts');
  if (found.length !== 1) throw new Error(`expected one ts block under "## Quick start" in README.md, found ${found.length}`);
  return found[0].code;
}

module.exports = { codeBlocks, quickStartCode, readmePath };
