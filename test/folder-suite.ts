import * as fs from 'fs';
import * as path from 'path';

/**
 * Runs every `*.test.ts` file of `dir` inside one jest suite, each under a `describe` named after its file.
 * Jest gives every suite a fresh module registry, and loading cdktf, the providers and the library into it
 * costs about half a second of CPU; one suite per folder pays that once instead of once per file, which
 * halves the CPU time of the unit tests (docs/performance.md, "The development loop"). The files stay
 * ordinary test files: `TEST_FILES_SEPARATELY=1 npx jest test/checks/rules-pki` runs one on its own.
 */
export function runFolderAsOneSuite(dir: string): void {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort();
  if (files.length === 0) throw new Error(`${dir} has no test files to run`);
  for (const file of files) {
    describe(file, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(dir, file));
    });
  }
}
